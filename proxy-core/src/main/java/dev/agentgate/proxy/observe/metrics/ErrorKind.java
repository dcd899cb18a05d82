package dev.agentgate.proxy.observe.metrics;

/** What went wrong on a connection; the {@code kind} label of the error counter. */
public enum ErrorKind {
  /** The upstream server refused the TCP connection. */
  UPSTREAM_REFUSED,
  /** Connecting to the upstream server timed out. */
  UPSTREAM_TIMEOUT,
  /** No route to the upstream server (host or network unreachable). */
  UPSTREAM_UNREACHABLE,
  /** The upstream server reset or closed the connection mid-exchange. */
  UPSTREAM_RESET,
  /** TLS towards the upstream failed (handshake, certificate verification). */
  UPSTREAM_TLS,
  /** The destination host name could not be resolved. */
  DNS_FAILURE,
  /** TLS towards the client failed during interception (other than a rejected certificate). */
  CLIENT_TLS,
  /** The client reset or closed the connection mid-exchange. */
  CLIENT_RESET,
  /** A connection was closed by an idle timeout. */
  IDLE_TIMEOUT,
  /** A protocol violation by the client or the server. */
  PROTOCOL,
  /** An unexpected exception inside the proxy. */
  INTERNAL
}
