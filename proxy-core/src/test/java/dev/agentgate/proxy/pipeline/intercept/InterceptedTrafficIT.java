package dev.agentgate.proxy.pipeline.intercept;

import static dev.agentgate.proxy.pipeline.intercept.InterceptionFixture.OPENAI;
import static dev.agentgate.proxy.pipeline.intercept.InterceptionFixture.PINNED;
import static dev.agentgate.proxy.pipeline.intercept.InterceptionFixture.UNTRUSTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.proxy.observe.audit.AuditEvent;
import dev.agentgate.proxy.testing.RecordingObserver;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intercepted traffic that is not about redaction: per-request decisions on one tunnel, streaming
 * both ways, server-sent events unbuffered, an upstream nobody trusts, the splice list, and a
 * client that refuses the minted certificate.
 */
class InterceptedTrafficIT {
  private static final String POLICY =
      """
      version: "traffic-it"
      default: allow
      rules:
        - id: no-debug-requests
          match: {host: api.openai.com, header: {x-debug: true}}
          action: block
          message: Debug requests are not allowed here.
        - id: look-inside-pinned
          match: {host: [pinned.example.test, untrusted.example.test], method: DELETE}
          action: block
          message: Deletes are not allowed.
      """;

  @TempDir static Path dir;
  private static InterceptionFixture proxy;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    proxy = new InterceptionFixture(dir, POLICY);
    client = proxy.client();
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @BeforeEach
  void clear() {
    proxy.policy(POLICY);
    proxy.clear();
  }

  @Test
  void severalRequestsOnOneTunnelAreEachDecidedOnTheirHeaders() throws Exception {
    HttpClient oneConnection = proxy.client();

    HttpResponse<String> first = oneConnection.send(get(OPENAI, "/v1/models"), ofString());
    HttpResponse<String> debug =
        oneConnection.send(
            HttpRequest.newBuilder(URI.create("https://" + OPENAI + "/v1/models"))
                .header("X-Debug", "1")
                .build(),
            ofString());
    HttpResponse<String> third = oneConnection.send(get(OPENAI, "/v1/models?page=2"), ofString());

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(debug.statusCode()).isEqualTo(403);
    assertThat(debug.body())
        .contains("rule: no-debug-requests")
        .contains("Debug requests are not allowed here.");
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(proxy.observer.opened.get()).as("one tunnel").isEqualTo(1);
    List<RecordingObserver.Decided> http =
        proxy.observer.decisions.stream().filter(d -> d.request().phase() == Phase.HTTP).toList();
    assertThat(http)
        .extracting(d -> d.decision().action())
        .containsExactly(Action.ALLOW, Action.BLOCK, Action.ALLOW);
    EgressRequest blocked = http.get(1).request();
    assertThat(blocked.tls()).isTrue();
    assertThat(blocked.method()).isEqualTo("GET");
    assertThat(blocked.path()).isEqualTo("/v1/models");
    assertThat(blocked.headers()).containsKey("x-debug");
    assertThat(http.get(2).request().path()).isEqualTo("/v1/models?page=2");
    assertThat(proxy.api.next().path()).isEqualTo("/v1/models");
    assertThat(proxy.api.next().path()).isEqualTo("/v1/models?page=2");
  }

  @Test
  void serverSentEventsReachTheClientAsTheyAreSent() throws Exception {
    HttpResponse<InputStream> response =
        client.send(get(OPENAI, "/sse"), BodyHandlers.ofInputStream());

    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
    try (BufferedReader events =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(readUntilData(events)).isEqualTo("data: {\"n\":1}");
      // The server sends event 2 only once this client has seen event 1: a proxy that buffered
      // the response would leave it waiting until its timeout.
      proxy.api.releaseSecondEvent();
      assertThat(readUntilData(events)).isEqualTo("data: {\"n\":2}");
    }
    assertThat(proxy.api.secondEventReleasedInTime()).isTrue();
  }

  @Test
  void largeBodiesStreamThroughBothWays() throws Exception {
    byte[] upload = new byte[12 * 1024 * 1024];
    new Random(7).nextBytes(upload);

    HttpResponse<String> echoed =
        client.send(
            HttpRequest.newBuilder(URI.create("https://" + OPENAI + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload))
                .build(),
            ofString());
    HttpResponse<InputStream> download =
        client.send(
            get(OPENAI, "/download?bytes=" + (20 * 1024 * 1024)), BodyHandlers.ofInputStream());

    assertThat(echoed.body())
        .isEqualTo(
            "len="
                + upload.length
                + " sha256="
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(upload)));
    long n = 0;
    try (InputStream in = download.body()) {
      byte[] buf = new byte[64 * 1024];
      for (int r; (r = in.read(buf)) >= 0; ) {
        n += r;
      }
    }
    assertThat(n).isEqualTo(20L * 1024 * 1024);
  }

  @Test
  void anUpstreamWithAnUntrustedCertificateGets502WithTheReason() throws Exception {
    HttpResponse<String> response = client.send(get(UNTRUSTED, "/v1/models"), ofString());

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).contains("upstream certificate is not trusted");
    assertThat(proxy.audit(AuditEvent.Type.DECISION))
        .anySatisfy(
            e -> {
              assertThat(e.ruleId()).isEqualTo("builtin:upstream-tls");
              assertThat(e.reason()).contains("not trusted");
            });
    assertThat(Scrapes.sum(proxy.scrape(), "agentgate_errors_total", "kind=\"upstream_tls\""))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void aSpliceListedHostIsNeverIntercepted() throws Exception {
    HttpClient trustsTheRealServerOnly = proxy.client(proxy.apiCa.clientContext());

    HttpResponse<String> response =
        trustsTheRealServerOnly.send(get(PINNED, "/v1/models"), ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    X509Certificate seen =
        (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
    assertThat(seen).isEqualTo(proxy.apiCa.serverCertificate());
    assertThat(proxy.audit(AuditEvent.Type.DECISION))
        .anySatisfy(
            e -> {
              assertThat(e.ruleId()).isEqualTo("builtin:splice-list");
              assertThat(e.action()).isEqualTo(Action.ALLOW);
              assertThat(e.reason()).contains("splice list");
            });
    assertThat(proxy.observer.decisions).noneMatch(d -> d.request().phase() == Phase.HTTP);
  }

  @Test
  void redactionOnASpliceListedHostIsRefused() {
    proxy.policy(
        """
        version: "traffic-it-redact-pinned"
        default: allow
        redactors:
          secrets: {detectors: [all]}
        rules:
          - id: redact-pinned
            match: {host: pinned.example.test}
            action: redact
            redactor: secrets
        """);
    HttpClient trustsTheRealServerOnly;
    try {
      trustsTheRealServerOnly = proxy.client(proxy.apiCa.clientContext());
    } catch (Exception e) {
      throw new AssertionError(e);
    }

    assertThatThrownBy(() -> trustsTheRealServerOnly.send(get(PINNED, "/v1/models"), ofString()))
        .isInstanceOf(SSLHandshakeException.class);
    assertThat(proxy.audit(AuditEvent.Type.DECISION))
        .anySatisfy(
            e -> {
              assertThat(e.ruleId()).isEqualTo("builtin:splice-list");
              assertThat(e.action()).isEqualTo(Action.BLOCK);
              assertThat(e.reason()).contains("requires redaction");
            });
  }

  @Test
  void aClientRejectingTheMintedCertificateIsCountedAndAudited() throws Exception {
    HttpClient doesNotTrustTheProxy = proxy.client(proxy.apiCa.clientContext());

    assertThatThrownBy(() -> doesNotTrustTheProxy.send(get(OPENAI, "/v1/models"), ofString()))
        .isInstanceOf(SSLHandshakeException.class);

    // The server side learns of the rejection after the client has given up: wait for it.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(
                      Scrapes.sum(
                          proxy.scrape(),
                          "agentgate_tls_interception_handshakes_total",
                          "result=\"certificate_rejected\""))
                  .isGreaterThanOrEqualTo(1);
              assertThat(proxy.audit(AuditEvent.Type.CLIENT_TLS)).isNotEmpty();
            });
    assertThat(proxy.audit(AuditEvent.Type.CLIENT_TLS))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.host()).isEqualTo(OPENAI);
              assertThat(e.agent()).isNotNull();
              assertThat(e.ja4()).isNotNull();
              assertThat(e.reason()).contains("rejected the minted certificate");
            });
  }

  @Test
  void interceptionIsMeasured() throws Exception {
    assertThat(client.send(get(OPENAI, "/v1/models"), ofString()).statusCode()).isEqualTo(200);

    String scrape = proxy.scrape();
    assertThat(
            Scrapes.sum(
                scrape, "agentgate_tls_interception_handshakes_total", "result=\"success\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(Scrapes.sum(scrape, "agentgate_certificate_mints_total", "result=\"success\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(Scrapes.sum(scrape, "agentgate_certificate_cache_entries"))
        .isGreaterThanOrEqualTo(1);
    assertThat(Scrapes.sum(scrape, "agentgate_certificate_cache_lookups_total"))
        .isGreaterThanOrEqualTo(1);
  }

  private static HttpRequest get(String host, String path) {
    return HttpRequest.newBuilder(URI.create("https://" + host + path))
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return BodyHandlers.ofString();
  }

  private static String readUntilData(BufferedReader events) throws Exception {
    for (String line; (line = events.readLine()) != null; ) {
      if (line.startsWith("data:")) {
        return line;
      }
    }
    return null;
  }
}
