package dev.agentgate.proxy.observe.metrics;

/** How a TLS handshake with the client, under a minted certificate, ended. */
public enum HandshakeResult {
  /** The client accepted the minted certificate. */
  SUCCESS,
  /**
   * The client rejected the minted certificate (it pins, or does not trust the agentgate CA): a
   * candidate for the splice list.
   */
  CERTIFICATE_REJECTED,
  /** Any other handshake failure (protocol, cipher mismatch, timeout). */
  FAILURE
}
