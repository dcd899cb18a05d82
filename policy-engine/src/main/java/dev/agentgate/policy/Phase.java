package dev.agentgate.policy;

/**
 * The points in a connection at which the proxy asks the policy for a decision. Each phase knows
 * every fact of the phases before it; a fact of a later phase is unknown, never false.
 */
public enum Phase {
  /** A CONNECT or a plain-HTTP request line: client identity, destination host and port. */
  CONNECT,
  /**
   * The ClientHello has been read: SNI, ALPN, JA3, JA4 (or the fact that the bytes are not TLS).
   */
  TLS,
  /** An HTTP request inside an intercepted tunnel or on plain HTTP: method, path, headers. */
  HTTP;

  /** True when facts that become known at {@code other} are known at this phase. */
  public boolean knows(Phase other) {
    return compareTo(other) >= 0;
  }
}
