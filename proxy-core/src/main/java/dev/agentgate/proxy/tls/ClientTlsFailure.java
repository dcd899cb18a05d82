package dev.agentgate.proxy.tls;

import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Why a client's handshake with a minted certificate failed, in bounded categories for metrics and
 * audit. {@link #CERTIFICATE_REJECTED} is the one operators act on: the agent does not trust the CA
 * (or pins), so its machine needs the CA or its host belongs on the splice list.
 */
public enum ClientTlsFailure {
  /**
   * The client refused the certificate: a certificate alert, or (TLS 1.3, where the JDK often
   * cannot read the alert) it gave up after the server's flight carrying the certificate.
   */
  CERTIFICATE_REJECTED,
  /** No protocol version or cipher suite in common. */
  NO_COMMON_PARAMETERS,
  /** The client closed the connection before it saw the certificate. */
  CLOSED_DURING_HANDSHAKE,
  /** The client did not finish the handshake in time. */
  TIMED_OUT,
  /** Anything else. */
  OTHER;

  private static final Set<String> CERTIFICATE_ALERTS =
      Set.of(
          "bad_certificate",
          "unsupported_certificate",
          "certificate_revoked",
          "certificate_expired",
          "certificate_unknown",
          "unknown_ca");

  private static final Set<String> PARAMETER_ALERTS =
      Set.of(
          "protocol_version",
          "handshake_failure",
          "insufficient_security",
          "no_application_protocol");

  private static final String ALERT = "received fatal alert: ";

  /**
   * Classifies the failure of a server-side handshake.
   *
   * @param failure the cause of the failed handshake future
   * @param serverFlightSent whether the server's flight had been written ({@link
   *     ServerFlightMonitor})
   */
  public static ClientTlsFailure of(Throwable failure, boolean serverFlightSent) {
    boolean closed = false;
    boolean unreadable = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SslHandshakeTimeoutException) {
        return TIMED_OUT;
      }
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      int alert = message.indexOf(ALERT);
      if (alert >= 0) {
        return ofAlert(message.substring(alert + ALERT.length()).trim());
      }
      if (message.contains("no cipher suites in common")
          || message.contains("client requested protocol")
          || message.contains("no appropriate protocol")) {
        return NO_COMMON_PARAMETERS;
      }
      closed |=
          t instanceof ClosedChannelException
              || message.contains("connection closed while ssl/tls handshake")
              || message.contains("remote host terminated the handshake")
              || message.contains("connection reset");
      unreadable |= t instanceof SSLException;
    }
    if (serverFlightSent && (closed || unreadable)) {
      return CERTIFICATE_REJECTED;
    }
    return closed ? CLOSED_DURING_HANDSHAKE : OTHER;
  }

  /** One line for the audit log and the proxy's log. */
  public String description() {
    return switch (this) {
      case CERTIFICATE_REJECTED ->
          "client rejected the minted certificate (it does not trust the agentgate CA, or pins"
              + " the server's certificate: install the CA, or add the host to"
              + " interception.splice)";
      case NO_COMMON_PARAMETERS ->
          "client TLS handshake failed: no protocol version or cipher suite in common";
      case CLOSED_DURING_HANDSHAKE -> "client closed the connection during the TLS handshake";
      case TIMED_OUT -> "client did not finish the TLS handshake in time";
      case OTHER -> "client TLS handshake failed";
    };
  }

  private static ClientTlsFailure ofAlert(String name) {
    if (CERTIFICATE_ALERTS.contains(name)) {
      return CERTIFICATE_REJECTED;
    }
    return PARAMETER_ALERTS.contains(name) ? NO_COMMON_PARAMETERS : OTHER;
  }
}
