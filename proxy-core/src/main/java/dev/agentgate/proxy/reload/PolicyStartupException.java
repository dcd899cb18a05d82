package dev.agentgate.proxy.reload;

import java.util.List;

/** The proxy cannot start with its policy: one line, and the policy's errors one a line. */
public final class PolicyStartupException extends Exception {
  private final List<String> details;
  private final boolean configProblem;

  /**
   * @param configProblem true for a problem of the config (a key file), false for the policy
   */
  public PolicyStartupException(String message, List<String> details, boolean configProblem) {
    super(message);
    this.details = List.copyOf(details);
    this.configProblem = configProblem;
  }

  /** A config problem (exit 2) rather than a rejected policy (exit 1). */
  public boolean configProblem() {
    return configProblem;
  }

  /** The policy errors ({@code file:line:column: message}), possibly none. */
  public List<String> details() {
    return details;
  }
}
