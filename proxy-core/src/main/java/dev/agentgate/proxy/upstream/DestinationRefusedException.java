package dev.agentgate.proxy.upstream;

/** The destination resolved to an address the guard refuses; the message says which and why. */
public final class DestinationRefusedException extends Exception {
  public DestinationRefusedException(String reason) {
    super(reason, null, false, false);
  }
}
