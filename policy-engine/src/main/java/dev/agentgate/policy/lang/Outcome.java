package dev.agentgate.policy.lang;

import dev.agentgate.policy.Action;

/**
 * What a rule or the default does when it decides.
 *
 * @param message the block message for the agent and its user (block; optional for redact)
 * @param redactor the redactor id (redact only)
 */
record Outcome(Action action, String message, String redactor) {

  /** "block", "allow", "redact with model-apis": for reasons and explanations. */
  String describe() {
    String verb = action.name().toLowerCase(java.util.Locale.ROOT);
    return redactor == null ? verb : verb + " with " + redactor;
  }
}
