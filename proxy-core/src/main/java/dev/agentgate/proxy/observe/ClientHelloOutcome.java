package dev.agentgate.proxy.observe;

/** What reading the first bytes of a CONNECT tunnel as a TLS ClientHello gave. */
public enum ClientHelloOutcome {
  /** A complete ClientHello: SNI, ALPN, JA3 and JA4 are known. */
  PARSED,
  /** The bytes are not TLS (for example plain HTTP or SSH through the tunnel). */
  NOT_TLS,
  /** TLS framing, but the ClientHello is malformed. */
  MALFORMED,
  /** The client closed the connection before the ClientHello was complete. */
  TRUNCATED,
  /** The ClientHello exceeded the size the inspector buffers. */
  TOO_LARGE,
  /** The client sent no complete ClientHello in time. */
  TIMEOUT
}
