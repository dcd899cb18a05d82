package dev.agentgate.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ClientTlsFailureTest {

  @Test
  void namedCertificateAlertsAreRejections() {
    for (String alert : new String[] {"unknown_ca", "bad_certificate", "certificate_unknown"}) {
      assertThat(
              ClientTlsFailure.of(
                  new SSLHandshakeException("Received fatal alert: " + alert), false))
          .isEqualTo(ClientTlsFailure.CERTIFICATE_REJECTED);
    }
  }

  @Test
  void parameterAlertsAndMismatchesAreNotRejections() {
    assertThat(
            ClientTlsFailure.of(
                new SSLHandshakeException("Received fatal alert: protocol_version"), true))
        .isEqualTo(ClientTlsFailure.NO_COMMON_PARAMETERS);
    assertThat(
            ClientTlsFailure.of(
                new SSLHandshakeException("Client requested protocol TLSv1.1 is not enabled"),
                false))
        .isEqualTo(ClientTlsFailure.NO_COMMON_PARAMETERS);
    assertThat(
            ClientTlsFailure.of(
                new SSLHandshakeException("Received fatal alert: decode_error"), true))
        .isEqualTo(ClientTlsFailure.OTHER);
  }

  @Test
  void hangingUpAfterTheCertificateIsARejectionBeforeItIsNot() {
    SSLHandshakeException closed =
        new SSLHandshakeException("Connection closed while SSL/TLS handshake was in progress");
    SSLHandshakeException plaintextAlert =
        new SSLHandshakeException("Insufficient buffer remaining for AEAD cipher fragment (2)");

    assertThat(ClientTlsFailure.of(closed, true)).isEqualTo(ClientTlsFailure.CERTIFICATE_REJECTED);
    assertThat(ClientTlsFailure.of(plaintextAlert, true))
        .isEqualTo(ClientTlsFailure.CERTIFICATE_REJECTED);
    assertThat(ClientTlsFailure.of(closed, false))
        .isEqualTo(ClientTlsFailure.CLOSED_DURING_HANDSHAKE);
    assertThat(ClientTlsFailure.of(new ClosedChannelException(), false))
        .isEqualTo(ClientTlsFailure.CLOSED_DURING_HANDSHAKE);
    assertThat(ClientTlsFailure.of(plaintextAlert, false)).isEqualTo(ClientTlsFailure.OTHER);
  }

  @Test
  void timeoutIsItsOwnCategory() {
    assertThat(ClientTlsFailure.of(new SslHandshakeTimeoutException("handshake timed out"), true))
        .isEqualTo(ClientTlsFailure.TIMED_OUT);
  }

  @Test
  void monitorCountsHandshakeRecordsOnly() {
    ServerFlightMonitor monitor = new ServerFlightMonitor();
    EmbeddedChannel channel = new EmbeddedChannel(monitor);

    channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {21, 3, 3, 0, 2, 2, 40}));
    boolean afterAlert = monitor.flightSent();
    channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {22, 3, 3, 0, 1, 2}));

    assertThat(afterAlert).isFalse();
    assertThat(monitor.flightSent()).isTrue();
    assertThat(channel.finishAndReleaseAll()).isTrue();
  }
}
