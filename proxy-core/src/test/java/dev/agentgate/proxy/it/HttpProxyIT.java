package dev.agentgate.proxy.it;

import static dev.agentgate.proxy.testing.ProxyFixture.HTTP_HOST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.proxy.testing.Curl;
import dev.agentgate.proxy.testing.Policies;
import dev.agentgate.proxy.testing.ProxyFixture;
import dev.agentgate.proxy.testing.RawClient;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.testing.TestUpstream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain HTTP through the proxy (absolute-form), with the JDK HttpClient, curl and raw sockets. */
class HttpProxyIT {
  private static TestUpstream upstream;
  private static ProxyFixture proxy;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    upstream = new TestUpstream(TestCa.create(ProxyFixture.TLS_HOST));
    proxy = ProxyFixture.start(upstream);
    client = proxy.client(null);
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
    return URI.create("http://" + HTTP_HOST + path);
  }

  @Test
  void getIsForwardedAndDecidedAtTheConnectPhase() throws Exception {
    HttpResponse<String> r =
        client.send(HttpRequest.newBuilder(uri("/small")).build(), BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(TestUpstream.SMALL_BODY);
    assertThat(r.headers().firstValue("via")).hasValue("1.1 agentgate");
    EgressRequest facts = proxy.observer.decisions.get(0).request();
    assertThat(facts.phase()).isEqualTo(Phase.CONNECT);
    assertThat(facts.host()).isEqualTo(HTTP_HOST);
    assertThat(facts.port()).isEqualTo(80);
  }

  @Test
  void keepAliveCarriesManyRequestsOnOneClientConnection() throws Exception {
    HttpClient fresh = proxy.client(null);
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r =
          fresh.send(HttpRequest.newBuilder(uri("/small")).build(), BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    }
    assertThat(proxy.observer.opened.get()).isEqualTo(1);
    assertThat(proxy.observer.decisions).hasSize(5);
  }

  @Test
  void postBodiesWithLengthAndChunkedArriveIntact() throws Exception {
    byte[] body = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(body);
    String expected = "len=" + body.length + " sha256=" + sha256(body) + "\n";

    HttpResponse<String> sized =
        client.send(
            HttpRequest.newBuilder(uri("/echo")).POST(BodyPublishers.ofByteArray(body)).build(),
            BodyHandlers.ofString());
    HttpResponse<String> chunked =
        client.send(
            HttpRequest.newBuilder(uri("/echo"))
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(),
            BodyHandlers.ofString());

    assertThat(sized.body()).isEqualTo(expected);
    assertThat(chunked.body()).isEqualTo(expected);
  }

  @Test
  void chunkedResponseIsStreamedIntact() throws Exception {
    long n = 5_000_000 + 3;
    HttpResponse<InputStream> r =
        client.send(
            HttpRequest.newBuilder(uri("/stream?bytes=" + n)).build(),
            BodyHandlers.ofInputStream());

    MessageDigest md = MessageDigest.getInstance("SHA-256");
    long count = 0;
    try (InputStream in = r.body()) {
      byte[] buf = new byte[65536];
      for (int k; (k = in.read(buf)) >= 0; ) {
        md.update(buf, 0, k);
        count += k;
      }
    }
    assertThat(count).isEqualTo(n);
    assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(TestUpstream.streamSha256(n));
  }

  @Test
  void hopByHopHeadersAreRemovedAndRequestRewrittenToOriginForm() throws Exception {
    Curl.Result r =
        Curl.viaProxy(
            proxy.port(),
            "-H",
            "Connection: X-Drop-Me",
            "-H",
            "X-Drop-Me: secret",
            "-H",
            "Proxy-Authorization: Basic dXNlcjpwYXNz",
            "-H",
            "Keep-Alive: timeout=5",
            "-H",
            "TE: trailers",
            "-H",
            "Upgrade: h2c",
            "-H",
            "X-Keep: 1",
            "http://" + HTTP_HOST + "/headers?q=1");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("method: GET", "uri: /headers?q=1", "host: " + HTTP_HOST, "x-keep: 1")
        .contains("via: 1.1 agentgate")
        .doesNotContain("x-drop-me", "proxy-authorization", "keep-alive", "te: ", "upgrade");
  }

  @Test
  void curlPostWithExpectContinue(@TempDir Path dir) throws Exception {
    byte[] body = new byte[2 * 1024 * 1024];
    new Random(3).nextBytes(body);
    Path file = Files.write(dir.resolve("body.bin"), body);

    Curl.Result r =
        Curl.viaProxy(
            proxy.port(),
            "-H",
            "Expect: 100-continue",
            "--data-binary",
            "@" + file,
            "http://" + HTTP_HOST + "/echo");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("len=" + body.length + " sha256=" + sha256(body) + "\n");
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    String get = "GET http://" + HTTP_HOST + "/headers?n=%d HTTP/1.1\r\nHost: x\r\n%s\r\n";
    try (RawClient c = new RawClient(proxy.port())) {
      c.send(
          String.format(get, 1, "")
              + String.format(get, 2, "")
              + String.format(get, 3, "Connection: close\r\n"));
      String all = c.readUntilClose();
      assertThat(all.indexOf("uri: /headers?n=1")).isPositive();
      assertThat(all.indexOf("uri: /headers?n=2")).isGreaterThan(all.indexOf("uri: /headers?n=1"));
      assertThat(all.indexOf("uri: /headers?n=3")).isGreaterThan(all.indexOf("uri: /headers?n=2"));
    }
  }

  @Test
  void headResponsesCarryNoBody() throws Exception {
    HttpClient fresh = proxy.client(null);
    HttpResponse<String> head =
        fresh.send(
            HttpRequest.newBuilder(uri("/small")).method("HEAD", BodyPublishers.noBody()).build(),
            BodyHandlers.ofString());
    HttpResponse<String> after =
        fresh.send(HttpRequest.newBuilder(uri("/small")).build(), BodyHandlers.ofString());

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(after.body()).isEqualTo(TestUpstream.SMALL_BODY);
  }

  @Test
  void oversizedHeadersGet431() throws Exception {
    try (RawClient c = new RawClient(proxy.port())) {
      String reply =
          c.send(
                  "GET http://"
                      + HTTP_HOST
                      + "/small HTTP/1.1\r\nX-Big: "
                      + "a".repeat(40_000)
                      + "\r\n\r\n")
              .readUntilClose();
      assertThat(reply).startsWith("HTTP/1.1 431 ");
    }
  }

  @Test
  void originFormRequestGets400AndClose() throws Exception {
    try (RawClient c = new RawClient(proxy.port())) {
      String reply =
          c.send("GET /small HTTP/1.1\r\nHost: " + HTTP_HOST + "\r\n\r\n").readUntilClose();
      assertThat(reply).startsWith("HTTP/1.1 400 ").contains("absolute-form");
    }
  }

  @Test
  void unknownMethodGets400AndClose() throws Exception {
    try (RawClient c = new RawClient(proxy.port())) {
      String reply =
          c.send("BREW http://" + HTTP_HOST + "/small HTTP/1.1\r\nHost: x\r\n\r\n")
              .readUntilClose();
      assertThat(reply).startsWith("HTTP/1.1 400 ").contains("unknown method");
    }
  }

  @Test
  void malformedRequestGets400AndClose() throws Exception {
    try (RawClient c = new RawClient(proxy.port())) {
      String reply =
          c.send("GET http://" + HTTP_HOST + "/ HTTP/1.1\r\nBad Header\r\n\r\n").readUntilClose();
      assertThat(reply).startsWith("HTTP/1.1 400 ");
    }
  }

  @Test
  void blockedRequestGets403NamingRuleReasonAndMessage() throws Exception {
    proxy.policyYaml(
        """
        version: h1
        default: allow
        rules:
          - id: no-plain-http
            match: {tls: false}
            action: block
            message: Use HTTPS instead.
        """);

    HttpResponse<String> r =
        client.send(HttpRequest.newBuilder(uri("/small")).build(), BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("x-agentgate-rule")).hasValue("no-plain-http");
    assertThat(r.body())
        .contains("rule: no-plain-http", "Use HTTPS instead.")
        .contains("Do not try to get around the proxy");
  }

  @Test
  void continueAtConnectAsksTheHttpPhaseWithHeaders() throws Exception {
    proxy.policy(
        r -> {
          if (r.phase() == Phase.CONNECT) {
            return Policies.continueWith("needs-headers");
          }
          String ua = r.header("user-agent");
          return ua != null && ua.contains("evil")
              ? Policies.block("evil-agent", "user agent refused", null)
              : Policies.allow("ok-agent");
        });

    HttpResponse<String> ok =
        client.send(
            HttpRequest.newBuilder(uri("/small")).header("User-Agent", "good/1.0").build(),
            BodyHandlers.ofString());
    HttpResponse<String> refused =
        client.send(
            HttpRequest.newBuilder(uri("/small")).header("User-Agent", "evil/1.0").build(),
            BodyHandlers.ofString());

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(refused.statusCode()).isEqualTo(403);
    EgressRequest http = proxy.observer.decisions.get(1).request();
    assertThat(http.phase()).isEqualTo(Phase.HTTP);
    assertThat(http.tls()).isFalse();
    assertThat(http.method()).isEqualTo("GET");
    assertThat(http.path()).isEqualTo("/small");
    assertThat(proxy.observer.decisions.get(1).decision().action()).isEqualTo(Action.ALLOW);
    assertThat(proxy.observer.ruleIds())
        .containsExactly("needs-headers", "ok-agent", "needs-headers", "evil-agent");
  }

  @Test
  void privateDestinationIsRefused() throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://" + ProxyFixture.PRIVATE_HOST + "/")).build(),
            BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("builtin:destination-guard", "10.1.2.3", "private");
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
