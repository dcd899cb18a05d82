package dev.agentgate.policy.match;

/**
 * The answer of a condition or a rule at one phase: a fact of a later phase is {@link #UNKNOWN},
 * never false.
 */
public enum Tri {
  YES,
  NO,
  UNKNOWN;

  public static Tri of(boolean value) {
    return value ? YES : NO;
  }
}
