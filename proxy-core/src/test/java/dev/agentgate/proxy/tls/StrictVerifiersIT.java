package dev.agentgate.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Minted leaves against the strictest verifiers there are, for real: a Netty server presents a
 * context from {@link MintedCertificates} and Python (VERIFY_X509_STRICT), OpenSSL (-x509_strict),
 * Node, the JDK and curl connect to it trusting only the agentgate CA. A leaf without key
 * identifiers is the negative control the strict verifiers must reject.
 */
class StrictVerifiersIT {

  private static final String PYTHON_CLIENT =
      """
      import socket, ssl, sys
      cafile, host, port, strict = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
      ctx = ssl.create_default_context(cafile=cafile)
      if len(sys.argv) > 5:
          ctx.maximum_version = ssl.TLSVersion.TLSv1_2
      if strict:
          ctx.verify_flags |= ssl.VERIFY_X509_STRICT
      ctx.set_alpn_protocols(["h2", "http/1.1"])
      try:
          with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
              with ctx.wrap_socket(raw, server_hostname=host) as tls:
                  print("OK", tls.version(), tls.selected_alpn_protocol())
      except ssl.SSLCertVerificationError as e:
          print("VERIFY-FAILED", e.verify_message)
          sys.exit(3)
      """;

  private static final String NODE_CLIENT =
      """
      const tls = require('tls'), fs = require('fs'), net = require('net');
      const [ca, host, port] = process.argv.slice(2);
      const options = { host: '127.0.0.1', port: Number(port), ca: fs.readFileSync(ca),
                        ALPNProtocols: ['h2', 'http/1.1'] };
      if (net.isIP(host)) { options.host = host; } else { options.servername = host; }
      const socket = tls.connect(options, () => {
        console.log('OK', socket.authorized, socket.getProtocol(), socket.alpnProtocol);
        socket.end();
      });
      socket.on('error', e => { console.log('VERIFY-FAILED', e.code); process.exit(3); });
      """;

  @TempDir static Path dir;

  private static ThreadPoolExecutor mintExecutor;
  private static EventExecutor loop;
  private static CertificateAuthority ca;
  private static Path caPem;
  private static TlsTestServer localhostServer;
  private static TlsTestServer ipServer;
  private static TlsTestServer weakServer;
  private static Path pythonClient;
  private static Path nodeClient;

  @BeforeAll
  static void start() throws Exception {
    ca = new CaGenerator(Clock.systemUTC(), TestCerts.RANDOM).create(CaSpec.defaults());
    caPem = TestCerts.writeCaPem(ca, dir);
    mintExecutor = MintExecutor.create("it-mint", 1, 16);
    loop = new DefaultEventExecutor();
    MintedCertificates minted =
        new MintedCertificates(
            new LeafMinter(ca, LeafSettings.defaults(), Clock.systemUTC(), TestCerts.RANDOM),
            LeafSettings.defaults(),
            mintExecutor);
    localhostServer =
        new TlsTestServer(minted.contextFor("localhost", loop).get(30, TimeUnit.SECONDS));
    ipServer = new TlsTestServer(minted.contextFor("127.0.0.1", loop).get(30, TimeUnit.SECONDS));
    SslContext weak =
        MintedContext.of(WeakLeaf.withoutKeyIdentifiers(ca, "localhost"), Duration.ofHours(1))
            .context();
    weakServer = new TlsTestServer(weak);
    pythonClient = Files.writeString(dir.resolve("client.py"), PYTHON_CLIENT);
    nodeClient = Files.writeString(dir.resolve("client.js"), NODE_CLIENT);
  }

  @AfterAll
  static void stop() throws Exception {
    for (TlsTestServer server : List.of(localhostServer, ipServer, weakServer)) {
      server.close();
    }
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    mintExecutor.shutdownNow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1"})
  void pythonStrictAcceptsTheMintedLeaf(String host) throws Exception {
    ExternalTool.assumeInstalled("python3");

    ExternalTool.Result result = python(host, server(host), true);

    assertThat(result.output()).startsWith("OK TLSv1.3 http/1.1");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void pythonStrictAcceptsTheMintedLeafOverTls12() throws Exception {
    ExternalTool.assumeInstalled("python3");

    ExternalTool.Result result =
        ExternalTool.run(
            "python3",
            pythonClient.toString(),
            caPem.toString(),
            "localhost",
            String.valueOf(localhostServer.port()),
            "1",
            "tls1.2");

    assertThat(result.output()).startsWith("OK TLSv1.2 http/1.1");
  }

  @Test
  void pythonStrictRejectsTheWeakLeafThatLaxPythonAccepts() throws Exception {
    ExternalTool.assumeInstalled("python3");

    ExternalTool.Result strict = python("localhost", weakServer, true);
    ExternalTool.Result lax = python("localhost", weakServer, false);

    assertThat(strict.output()).contains("VERIFY-FAILED").containsIgnoringCase("key identifier");
    assertThat(strict.exitCode()).isEqualTo(3);
    assertThat(lax.output()).startsWith("OK");
  }

  @Test
  void pythonRejectsAnotherHostName() throws Exception {
    ExternalTool.assumeInstalled("python3");

    ExternalTool.Result result = python("other.test", localhostServer, true);

    assertThat(result.output()).contains("VERIFY-FAILED").contains("mismatch");
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1"})
  void opensslVerifyStrictAcceptsTheMintedLeaf(String host) throws Exception {
    ExternalTool.assumeInstalled("openssl");
    Path leaf =
        TestCerts.writeLeafPem(TestCerts.mint(ca, host), dir.resolve("leaf-" + host + ".pem"));

    ExternalTool.Result result = opensslVerify(leaf, host);

    assertThat(result.output()).isEqualTo(leaf + ": OK\n");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void opensslVerifyStrictRejectsTheWeakLeafAndAnotherHost() throws Exception {
    ExternalTool.assumeInstalled("openssl");
    Path weak =
        TestCerts.writeLeafPem(
            WeakLeaf.withoutKeyIdentifiers(ca, "localhost"), dir.resolve("weak.pem"));
    Path good = TestCerts.writeLeafPem(TestCerts.mint(ca, "localhost"), dir.resolve("good.pem"));

    ExternalTool.Result weakResult = opensslVerify(weak, "localhost");
    ExternalTool.Result otherHost = opensslVerify(good, "other.test");

    assertThat(weakResult.exitCode()).isNotZero();
    assertThat(weakResult.output()).containsIgnoringCase("key identifier");
    assertThat(otherHost.exitCode()).isNotZero();
    assertThat(otherHost.output()).contains("hostname mismatch");
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1"})
  void opensslClientStrictHandshakes(String host) throws Exception {
    ExternalTool.assumeInstalled("openssl");
    boolean ip = !host.equals("localhost");

    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + server(host).port(),
                "-x509_strict",
                "-CAfile",
                caPem.toString(),
                "-verify_return_error",
                "-alpn",
                "h2,http/1.1"));
    command.addAll(
        ip
            ? List.of("-noservername", "-verify_ip", host)
            : List.of("-servername", host, "-verify_hostname", host));

    ExternalTool.Result result = ExternalTool.run(command.toArray(new String[0]));

    assertThat(result.output())
        .contains("Verify return code: 0 (ok)")
        .contains("ALPN protocol: http/1.1");
    assertThat(result.exitCode()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1"})
  void nodeAcceptsTheMintedLeaf(String host) throws Exception {
    ExternalTool.assumeInstalled("node");

    ExternalTool.Result result = node(host, server(host));

    assertThat(result.output()).startsWith("OK true TLSv1.3 http/1.1");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void nodeRejectsAnotherHostName() throws Exception {
    ExternalTool.assumeInstalled("node");

    ExternalTool.Result result = node("other.test", localhostServer);

    assertThat(result.output()).startsWith("VERIFY-FAILED ERR_TLS_CERT_ALTNAME_INVALID");
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1"})
  void curlAcceptsTheMintedLeaf(String host) throws Exception {
    ExternalTool.assumeInstalled("curl");

    ExternalTool.Result result = curl("https://" + host + ":" + server(host).port() + "/");

    assertThat(result.output()).isEqualTo("200 1.1");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void curlRejectsAnotherHostName() throws Exception {
    ExternalTool.assumeInstalled("curl");
    int port = localhostServer.port();

    ExternalTool.Result result =
        curl("--resolve", "other.test:" + port + ":127.0.0.1", "https://other.test:" + port + "/");

    assertThat(result.exitCode()).isEqualTo(60);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1"})
  void jdkHttpClientAcceptsTheMintedLeaf(String host) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(trustingCa()).build();

    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("https://" + host + ":" + server(host).port() + "/"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(response.body()).isEqualTo("ok\n");
  }

  @Test
  void jdkRejectsAnotherHostName() throws Exception {
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress("127.0.0.1", localhostServer.port()), 10_000);
      SSLSocket tls =
          (SSLSocket)
              trustingCa().getSocketFactory().createSocket(raw, "other.test", raw.getPort(), false);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(parameters);

      assertThatThrownBy(tls::startHandshake)
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("No subject alternative DNS name matching other.test");
    }
  }

  @Test
  void serverSawSniAndNegotiatedHttp11() throws Exception {
    ExternalTool.assumeInstalled("python3");
    localhostServer.serverNames.clear();

    python("localhost", localhostServer, true);

    assertThat(localhostServer.serverNames).contains("localhost");
    assertThat(localhostServer.protocols).contains("http/1.1");
  }

  private static TlsTestServer server(String host) {
    return host.equals("localhost") ? localhostServer : ipServer;
  }

  private static ExternalTool.Result python(String host, TlsTestServer server, boolean strict)
      throws Exception {
    return ExternalTool.run(
        "python3",
        pythonClient.toString(),
        caPem.toString(),
        host,
        String.valueOf(server.port()),
        strict ? "1" : "0");
  }

  private static ExternalTool.Result node(String host, TlsTestServer server) throws Exception {
    return ExternalTool.run(
        "node", nodeClient.toString(), caPem.toString(), host, String.valueOf(server.port()));
  }

  private static ExternalTool.Result opensslVerify(Path leaf, String host) throws Exception {
    boolean ip = !Character.isLetter(host.charAt(0));
    return ExternalTool.run(
        "openssl",
        "verify",
        "-x509_strict",
        "-purpose",
        "sslserver",
        ip ? "-verify_ip" : "-verify_hostname",
        host,
        "-CAfile",
        caPem.toString(),
        leaf.toString());
  }

  private static ExternalTool.Result curl(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "curl",
                "-sS",
                "--noproxy",
                "*",
                "--max-time",
                "10",
                "--cacert",
                caPem.toString(),
                "-o",
                "/dev/null",
                "-w",
                "%{http_code} %{http_version}"));
    command.addAll(List.of(args));
    return ExternalTool.run(command.toArray(new String[0]));
  }

  private static SSLContext trustingCa() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("agentgate", ca.certificate());
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
