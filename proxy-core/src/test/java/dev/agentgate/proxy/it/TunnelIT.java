package dev.agentgate.proxy.it;

import static dev.agentgate.proxy.testing.ProxyFixture.HTTP_HOST;
import static dev.agentgate.proxy.testing.ProxyFixture.TLS_HOST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.proxy.testing.Curl;
import dev.agentgate.proxy.testing.EarlyHelloClient;
import dev.agentgate.proxy.testing.Policies;
import dev.agentgate.proxy.testing.ProxyFixture;
import dev.agentgate.proxy.testing.RawClient;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.testing.TestUpstream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONNECT tunnels spliced end to end: real TLS between the client and the upstream. */
class TunnelIT {
  private static final long HUNDRED_MB = 100L * 1024 * 1024;

  private static TestCa ca;
  private static TestUpstream upstream;
  private static ProxyFixture proxy;
  private static SSLContext tls;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    ca = TestCa.create(TLS_HOST, ProxyFixture.OTHER_TLS_HOST);
    upstream = new TestUpstream(ca);
    proxy = ProxyFixture.start(upstream);
    tls = ca.clientContext();
    client = proxy.client(tls);
  }

  @AfterAll
  static void stop() {
    proxy.close();
    upstream.close();
  }

  @BeforeEach
  void reset() {
    proxy.policy(Policies.ALLOW_ALL);
    proxy.observer.clear();
  }

  private static URI uri(String path) {
    return URI.create("https://" + TLS_HOST + path);
  }

  @Test
  void curlGetsThroughTheTunnelAndBothPhasesAreDecided(@TempDir Path dir) throws Exception {
    Curl.Result r =
        Curl.viaProxy(
            proxy.port(), "--cacert", ca.writeCaPem(dir).toString(), uri("/small").toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(TestUpstream.SMALL_BODY);
    assertThat(proxy.observer.decisions).hasSize(2);
    EgressRequest connect = proxy.observer.decisions.get(0).request();
    EgressRequest hello = proxy.observer.decisions.get(1).request();
    assertThat(connect.phase()).isEqualTo(Phase.CONNECT);
    assertThat(connect.port()).isEqualTo(443);
    assertThat(hello.phase()).isEqualTo(Phase.TLS);
    assertThat(hello.tls()).isTrue();
    assertThat(hello.sni()).isEqualTo(TLS_HOST);
    assertThat(hello.ja4()).isNotBlank();
    assertThat(hello.ja3()).isNotBlank();
  }

  @Test
  void clientSeesTheUpstreamCertificateNotAMintedOne() throws Exception {
    HttpResponse<String> r =
        client.send(HttpRequest.newBuilder(uri("/small")).build(), BodyHandlers.ofString());

    assertThat(r.body()).isEqualTo(TestUpstream.SMALL_BODY);
    Certificate[] chain = r.sslSession().orElseThrow().getPeerCertificates();
    assertThat(chain[0]).isEqualTo(ca.serverCertificate());
  }

  @Test
  void keepAliveRequestsShareOneTunnel() throws Exception {
    HttpClient fresh = proxy.client(tls);
    for (int i = 0; i < 5; i++) {
      assertThat(
              fresh
                  .send(HttpRequest.newBuilder(uri("/small")).build(), BodyHandlers.ofString())
                  .body())
          .isEqualTo(TestUpstream.SMALL_BODY);
    }
    assertThat(proxy.observer.opened.get()).isEqualTo(1);
  }

  @Test
  void hundredMegabytesUpAndDownKeepTheirChecksums() throws Exception {
    HttpResponse<String> up =
        client.send(
            HttpRequest.newBuilder(uri("/echo"))
                .POST(BodyPublishers.ofInputStream(() -> new BlockStream(HUNDRED_MB)))
                .build(),
            BodyHandlers.ofString());
    assertThat(up.body())
        .isEqualTo("len=" + HUNDRED_MB + " sha256=" + TestUpstream.streamSha256(HUNDRED_MB) + "\n");

    HttpResponse<InputStream> down =
        client.send(
            HttpRequest.newBuilder(uri("/stream?bytes=" + HUNDRED_MB)).build(),
            BodyHandlers.ofInputStream());
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    long n = 0;
    try (InputStream in = down.body()) {
      byte[] buf = new byte[1 << 16];
      for (int k; (k = in.read(buf)) >= 0; ) {
        md.update(buf, 0, k);
        n += k;
      }
    }
    assertThat(n).isEqualTo(HUNDRED_MB);
    assertThat(HexFormat.of().formatHex(md.digest()))
        .isEqualTo(TestUpstream.streamSha256(HUNDRED_MB));
  }

  @Test
  void clientHelloInTheSamePacketAsTheConnectWorks() throws Exception {
    String reply = EarlyHelloClient.get(proxy.port(), TLS_HOST, "/small", tls);

    assertThat(reply).startsWith("HTTP/1.1 200 ").endsWith(TestUpstream.SMALL_BODY);
    assertThat(proxy.observer.decisions.get(1).request().sni()).isEqualTo(TLS_HOST);
  }

  @Test
  void nonTlsBytesInATunnelAreAFactThePolicyDecides() throws Exception {
    String plainRequest = "GET /small HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    String connect = "CONNECT " + HTTP_HOST + ":443 HTTP/1.1\r\nHost: " + HTTP_HOST + "\r\n\r\n";

    try (RawClient c = new RawClient(proxy.port())) {
      assertThat(c.send(connect).readHead()).startsWith("HTTP/1.1 200 ");
      assertThat(c.send(plainRequest).readUntilClose()).endsWith(TestUpstream.SMALL_BODY);
    }
    EgressRequest hello = proxy.observer.decisions.get(1).request();
    assertThat(hello.phase()).isEqualTo(Phase.TLS);
    assertThat(hello.tls()).isFalse();

    proxy.policy(
        r ->
            r.phase() == Phase.TLS && !r.tls()
                ? Policies.block("tls-only", "not TLS", null)
                : Policies.allow("ok"));
    try (RawClient c = new RawClient(proxy.port())) {
      assertThat(c.send(connect).readHead()).startsWith("HTTP/1.1 200 ");
      assertThat(c.send(plainRequest).readUntilClose()).isEmpty();
    }
    assertThat(
            proxy.observer.decisions.get(proxy.observer.decisions.size() - 1).decision().action())
        .isEqualTo(Action.BLOCK);
  }

  /** The /stream pattern as an InputStream of {@code n} bytes. */
  private static final class BlockStream extends InputStream {
    private long left;
    private int pos;

    BlockStream(long n) {
      left = n;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int k = (int) Math.min(Math.min(len, left), TestUpstream.BLOCK.length - pos);
      System.arraycopy(TestUpstream.BLOCK, pos, b, off, k);
      pos = (pos + k) % TestUpstream.BLOCK.length;
      left -= k;
      return k;
    }
  }
}
