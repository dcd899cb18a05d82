package dev.agentgate.policy.lang;

/**
 * One problem in a policy: where it is and what is wrong, with the message in the form {@code name:
 * value (expected: ...)}.
 */
public record PolicyError(String file, int line, int column, String message) {

  /** {@code policy.yaml:12:5: match.port: "https" (expected: a number 1-65535)}. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
