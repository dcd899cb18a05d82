package dev.agentgate.policy.match;

/**
 * A pattern in a policy that cannot be compiled. The message is what a valid value looks like; the
 * policy compiler turns it into {@code name: value (expected: message)}.
 */
public final class InvalidPatternException extends IllegalArgumentException {

  public InvalidPatternException(String expected) {
    super(expected);
  }

  /** What a valid value looks like, e.g. "a host name or *.suffix". */
  public String expected() {
    return getMessage();
  }
}
