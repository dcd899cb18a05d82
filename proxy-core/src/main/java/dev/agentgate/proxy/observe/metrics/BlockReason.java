package dev.agentgate.proxy.observe.metrics;

/** Why the proxy refused a connection or request; the {@code reason} label. */
public enum BlockReason {
  /** A policy rule (or the default rule) said BLOCK. */
  POLICY,
  /** The destination resolved to a private, loopback or metadata address. */
  DESTINATION_GUARD,
  /** Proxy authentication was missing or wrong (407). */
  AUTHENTICATION,
  /** A body that redaction could not inspect, refused per {@code on_uninspectable}. */
  UNINSPECTABLE,
  /** The request could not be parsed (bad request line, headers or CONNECT target). */
  MALFORMED_REQUEST,
  /** A configured limit (connections, request size) was exceeded. */
  LIMIT
}
