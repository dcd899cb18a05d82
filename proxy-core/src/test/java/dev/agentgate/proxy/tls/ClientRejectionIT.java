package dev.agentgate.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients that do not trust the agentgate CA refuse the minted certificate; the server side
 * classifies each refusal as {@link ClientTlsFailure#CERTIFICATE_REJECTED}, which is what gets
 * counted and audited.
 */
class ClientRejectionIT {

  @TempDir static Path dir;

  private static TlsTestServer server;

  @BeforeAll
  static void start() throws Exception {
    CertificateAuthority untrusted = TestCerts.newCa("a CA nobody trusts");
    server =
        new TlsTestServer(
            MintedContext.of(TestCerts.mint(untrusted, "localhost"), Duration.ofHours(1))
                .context());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void clear() {
    server.handshakeFailures.clear();
  }

  @Test
  void pythonRejection() throws Exception {
    ExternalTool.assumeInstalled("python3");
    Path script =
        Files.writeString(
            dir.resolve("reject.py"),
            """
            import socket, ssl, sys
            ctx = ssl.create_default_context()
            with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10) as raw:
                try:
                    ctx.wrap_socket(raw, server_hostname="localhost")
                except ssl.SSLCertVerificationError as e:
                    print("REJECTED", e.verify_message)
            """);

    ExternalTool.Result result = ExternalTool.run("python3", script.toString(), port());

    assertThat(result.output()).startsWith("REJECTED");
    assertServerSaw(ClientTlsFailure.CERTIFICATE_REJECTED);
  }

  @Test
  void curlRejection() throws Exception {
    ExternalTool.assumeInstalled("curl");

    ExternalTool.Result result =
        ExternalTool.run(
            "curl",
            "-sS",
            "--noproxy",
            "*",
            "--max-time",
            "10",
            "https://localhost:" + port() + "/");

    assertThat(result.exitCode()).isEqualTo(60);
    assertServerSaw(ClientTlsFailure.CERTIFICATE_REJECTED);
  }

  @Test
  void nodeRejection() throws Exception {
    ExternalTool.assumeInstalled("node");
    Path script =
        Files.writeString(
            dir.resolve("reject.js"),
            """
            const tls = require('tls');
            const s = tls.connect({ host: '127.0.0.1', port: Number(process.argv[2]), servername: 'localhost' },
                () => { console.log('ACCEPTED'); s.end(); });
            s.on('error', e => console.log('REJECTED', e.code));
            """);

    ExternalTool.Result result = ExternalTool.run("node", script.toString(), port());

    assertThat(result.output()).startsWith("REJECTED");
    assertServerSaw(ClientTlsFailure.CERTIFICATE_REJECTED);
  }

  @Test
  void jdkRejection() {
    HttpClient client = HttpClient.newHttpClient();

    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + port() + "/"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                    HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(SSLHandshakeException.class);
    assertServerSaw(ClientTlsFailure.CERTIFICATE_REJECTED);
  }

  @Test
  void clientOfferingOnlyTls11HasNoCommonParameters() throws Exception {
    ExternalTool.assumeInstalled("openssl");

    ExternalTool.Result result =
        ExternalTool.run(
            "openssl",
            "s_client",
            "-connect",
            "127.0.0.1:" + port(),
            "-tls1_1",
            "-cipher",
            "DEFAULT@SECLEVEL=0");

    assertThat(result.exitCode()).isNotZero();
    assertServerSaw(ClientTlsFailure.NO_COMMON_PARAMETERS);
  }

  @Test
  void clientClosingMidHandshake() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      // A TLS record header announcing a ClientHello that never comes.
      socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x40, 0x01});
      socket.getOutputStream().flush();
    }

    assertServerSaw(ClientTlsFailure.CLOSED_DURING_HANDSHAKE);
  }

  private static String port() {
    return String.valueOf(server.port());
  }

  private static void assertServerSaw(ClientTlsFailure expected) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(server.handshakeFailures).isNotEmpty());
    assertThat(server.handshakeFailures)
        .as("%s", server.handshakeFailures)
        .allSatisfy(failure -> assertThat(failure.classified()).isEqualTo(expected));
  }
}
