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
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SslHandshakeTimeoutException) {
        return "upstream TLS handshake timed out";
      }
      if (t instanceof CertificateExpiredException) {
        return "upstream certificate has expired";
      }
      if (t instanceof CertificateNotYetValidException) {
        return "upstream certificate is not yet valid";
      }
      if (t instanceof CertPathBuilderException) {
        return "upstream certificate is not trusted (no path to a trusted root)";
      }
      if (t instanceof CertPathValidatorException validator) {
        return "upstream certificate chain is invalid: " + validator.getReason();
      }
      String message = t.getMessage();
      if (message != null
          && (message.startsWith("No subject alternative")
              || message.startsWith("No name matching"))) {
        return "upstream certificate does not match the host name";
      }
    }
    if (failure instanceof SSLException) {
      return "upstream TLS handshake failed: " + PemFiles.oneLine(failure);
    }
    return "upstream TLS failed: " + PemFiles.oneLine(failure);
  }
}
