package dev.agentgate.proxy.observe.metrics;

/** What went wrong on a connection; the {@code kind} label of the error counter. */
public enum ErrorKind {
  /** The upstream server refused the TCP connection. */
  UPSTREAM_REFUSED,
  /** Connecting to the upstream server timed out. */
  UPSTREAM_TIMEOUT,
  /** The connect failed otherwise (no route to the host or network, ...). */
  UPSTREAM_UNREACHABLE,
  /** The upstream server reset or closed the connection mid-exchange. */
  UPSTREAM_RESET,
  /** The upstream server sent something that is not valid HTTP. */
  UPSTREAM_PROTOCOL,
  /** TLS towards the upstream failed (handshake, certificate verification). */
  UPSTREAM_TLS,
  /** The destination host name could not be resolved. */
  DNS_FAILURE,
  /** TLS towards the client failed during interception (other than a rejected certificate). */
  CLIENT_TLS,
  /** The client reset the connection (an I/O error on the client side). */
  CLIENT_RESET,
  /** The client did not send its request head (or ClientHello) before the deadline. */
  CLIENT_TIMEOUT,
  /** A connection was closed by an idle timeout. */
  IDLE_TIMEOUT,
  /** A fail-closed audit log was saturated or could not write: a new connection was refused. */
  AUDIT_SATURATED,
  /** An unexpected exception inside the proxy, or the policy engine failed (the log has it). */
  INTERNAL
}
