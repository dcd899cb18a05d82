package dev.agentgate.proxy.tls;

import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;

/**
 * Short reasons for failed TLS handshakes, for the 502 a client gets and for the audit log. They
 * name the kind of failure, never a certificate's contents beyond what the server sent anyway.
 */
public final class TlsFailures {

  private TlsFailures() {}

  /** Why a handshake with an upstream server failed, in a few words. */
  public static String upstreamReason(Throwable failure) {
    // The most specific cause wins, wherever it sits in the chain: the JDK wraps an expired
    // certificate in a path validation failure inside a handshake failure.
    if (find(failure, SslHandshakeTimeoutException.class) != null) {
      return "upstream TLS handshake timed out";
    }
    if (find(failure, CertificateExpiredException.class) != null) {
      return "upstream certificate has expired";
    }
    if (find(failure, CertificateNotYetValidException.class) != null) {
      return "upstream certificate is not yet valid";
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null
          && (message.startsWith("No subject alternative")
              || message.startsWith("No name matching"))) {
        return "upstream certificate does not match the host name";
      }
    }
    if (find(failure, CertPathBuilderException.class) != null) {
      return "upstream certificate is not trusted (no path to a trusted root)";
    }
    CertPathValidatorException invalid = find(failure, CertPathValidatorException.class);
    if (invalid != null) {
      return "upstream certificate chain is invalid (" + invalid.getReason() + ")";
    }
    if (failure instanceof SSLException) {
      return "upstream TLS handshake failed: " + PemFiles.oneLine(failure);
    }
    return "upstream TLS failed: " + PemFiles.oneLine(failure);
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
