package dev.agentgate.proxy.observe.metrics;

/** Why the proxy refused a connection or request; the {@code reason} label. */
public enum BlockReason {
  /** A policy rule (or the default rule) said BLOCK. */
  POLICY,
  /** The destination resolved to a private, loopback or metadata address. */
  DESTINATION_GUARD,
  /** A CONNECT to a port outside the allowed ones that no policy rule allowed by name. */
  CONNECT_PORT,
  /** Proxy authentication was missing or wrong (407). */
  AUTHENTICATION,
  /** The policy wanted to look inside a tunnel or request but interception is not available. */
  INTERCEPTION_UNAVAILABLE,
  /** A body that redaction could not inspect, refused per {@code on_uninspectable}. */
  UNINSPECTABLE,
  /** The request or ClientHello could not be parsed (bad request line, headers or target). */
  MALFORMED_REQUEST,
  /** A configured limit (connections per client, request head size) was exceeded. */
  LIMIT,
  /** The policy engine failed; the proxy failed closed. */
  POLICY_ERROR,
  /** A refusal by the proxy itself ({@code builtin:} rule id) not listed above. */
  OTHER
}
