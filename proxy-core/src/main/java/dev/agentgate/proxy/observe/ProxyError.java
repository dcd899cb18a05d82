package dev.agentgate.proxy.observe;

/** Kinds of trouble on a connection; a small fixed set, so it can be a metrics tag. */
public enum ProxyError {
  /** The request line or headers were malformed, or the method unknown. */
  BAD_REQUEST,
  /** The request line or headers exceeded the configured size. */
  HEADER_TOO_LARGE,
  /** The client did not finish its request head (or ClientHello) before the deadline. */
  HEAD_TIMEOUT,
  /** No bytes either way for the idle timeout. */
  IDLE_TIMEOUT,
  /** The client address already holds the maximum number of connections. */
  TOO_MANY_CONNECTIONS,
  /** The upstream host name did not resolve. */
  DNS_FAILURE,
  /** The upstream refused the TCP connection (nothing listens on the port). */
  UPSTREAM_CONNECT_REFUSED,
  /** The TCP connect to the upstream timed out. */
  UPSTREAM_CONNECT_TIMEOUT,
  /** The TCP connect to the upstream failed otherwise (no route to the host or network, ...). */
  UPSTREAM_CONNECT_FAILED,
  /** The upstream sent something that is not valid HTTP. */
  UPSTREAM_PROTOCOL,
  /** The upstream reset or closed the connection in the middle of an exchange. */
  UPSTREAM_RESET,
  /** TLS towards the upstream failed (handshake, certificate verification). */
  UPSTREAM_TLS,
  /** TLS towards the client failed during interception. */
  CLIENT_TLS,
  /** The tunnel's first bytes claimed to be TLS but the ClientHello could not be parsed. */
  MALFORMED_CLIENT_HELLO,
  /** The policy engine threw; the proxy failed closed. */
  POLICY_FAILURE,
  /** An I/O error on the client connection (typically a reset by the client). */
  IO,
  /** A fail-closed audit log is saturated (or cannot write): new connections are refused. */
  AUDIT_SATURATED,
  /** An unexpected exception inside the proxy (a bug: the log has it). */
  INTERNAL
}
