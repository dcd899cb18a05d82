package dev.agentgate.policy.redact.body;

/** A body that cannot be inspected; the message is a short reason safe to log and audit. */
public final class UninspectableException extends Exception {
  public UninspectableException(String reason) {
    super(reason, null, false, false);
  }
}
