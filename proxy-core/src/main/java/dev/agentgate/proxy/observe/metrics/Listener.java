package dev.agentgate.proxy.observe.metrics;

/** The listener a client connection arrived on; the {@code listener} label. */
public enum Listener {
  /** The explicit forward proxy (CONNECT and plain HTTP). */
  PROXY,
  /** A transparent listener (redirected traffic, no proxy settings on the client). */
  TRANSPARENT
}
