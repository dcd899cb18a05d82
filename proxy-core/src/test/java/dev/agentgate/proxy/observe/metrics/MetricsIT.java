package dev.agentgate.proxy.observe.metrics;

import static dev.agentgate.proxy.testing.ProxyFixture.TLS_HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgate.proxy.config.HostPort;
import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.testing.Curl;
import dev.agentgate.proxy.testing.ProxyFixture;
import dev.agentgate.proxy.testing.RawClient;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.testing.TestUpstream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real traffic through a running proxy (curl, raw sockets; a real HTTP and HTTPS upstream), then a
 * real scrape of the admin listener's {@code /metrics}: the series for connections, decisions by
 * agent, rule hits, bytes by agent, latency and errors move as they must. Each test compares
 * scrapes before and after its own traffic, and waits until its connections are closed, so no test
 * sees another's.
 */
class MetricsIT {
  /** A host the catalog gives to one agent (cursor), mapped to the plain HTTP upstream. */
  private static final String CURSOR_HOST = "api2.cursor.sh";

  /** Mapped to a loopback port nothing listens on. */
  private static final String REFUSING_HOST = "refusing.example.test";

  private static TestUpstream upstream;
  private static ProxyFixture proxy;
  private static Path caPem;
  private static final HttpClient admin = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    TestCa ca = TestCa.create(TLS_HOST);
    upstream = new TestUpstream(ca);
    caPem = ca.writeCaPem(Files.createTempDirectory("metrics-it"));
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    int port = closedPort;
    proxy =
        ProxyFixture.start(
            upstream,
            c -> {
              Map<String, HostPort> overrides = new HashMap<>(c.upstream().overrides());
              overrides.put(CURSOR_HOST, new HostPort("127.0.0.1", upstream.httpPort()));
              overrides.put(REFUSING_HOST, new HostPort("127.0.0.1", port));
              return c.withUpstream(
                  new ProxyConfig.Upstream(
                      c.upstream().connectPorts(), c.upstream().allowedPrivateRanges(), overrides));
            });
    proxy.policyYaml(
        """
        version: metrics-it
        default: allow
        rules:
          - id: no-blocked
            match: {host: blocked.example.test}
            action: block
            message: blocked for the test
          - id: watch-cursor
            mode: report
            match: {agent: cursor}
            action: block
            message: would block cursor
          - id: allow-cursor
            match: {host: api2.cursor.sh}
            action: allow
        """);
  }

  @AfterAll
  static void stop() {
    proxy.close();
    upstream.close();
  }

  private static ScrapeText scrape() throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + proxy.adminAddress().getPort() + "/metrics");
    HttpResponse<String> r =
        admin.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return new ScrapeText(r.body());
  }

  /** curl through the proxy; returns once curl has exited and the proxy has closed its side. */
  private static Curl.Result curl(String... args) throws Exception {
    Curl.Result r = Curl.viaProxy(proxy.port(), args);
    await().atMost(Duration.ofSeconds(10)).until(() -> proxy.server().openConnections() == 0);
    return r;
  }

  private static double delta(ScrapeText before, ScrapeText after, String name, String... labels) {
    return after.value(name, labels) - before.value(name, labels);
  }

  @Test
  void plainHttpToAnAgentsHostCountsForThatAgent() throws Exception {
    ScrapeText before = scrape();

    Curl.Result r = curl("http://" + CURSOR_HOST + "/small");

    assertThat(r.out()).as(r.err()).isEqualTo(TestUpstream.SMALL_BODY);
    ScrapeText after = scrape();
    assertThat(delta(before, after, "agentgate_connections_opened_total", "listener", "proxy"))
        .isEqualTo(1.0);
    assertThat(
            delta(
                before, after, "agentgate_connection_duration_seconds_count", "listener", "proxy"))
        .isEqualTo(1.0);
    assertThat(after.value("agentgate_connections_active", "listener", "proxy")).isZero();
    assertThat(
            delta(
                before,
                after,
                "agentgate_decisions_total",
                "action",
                "allow",
                "agent",
                "cursor",
                "phase",
                "connect"))
        .isEqualTo(1.0);
    assertThat(
            delta(
                before,
                after,
                "agentgate_rule_hits_total",
                "mode",
                "enforce",
                "rule",
                "allow-cursor"))
        .isEqualTo(1.0);
    assertThat(
            delta(
                before,
                after,
                "agentgate_rule_hits_total",
                "mode",
                "report",
                "rule",
                "watch-cursor"))
        .isEqualTo(1.0);
    assertThat(
            delta(
                before,
                after,
                "agentgate_tunnel_bytes_total",
                "agent",
                "cursor",
                "direction",
                "downstream"))
        .isGreaterThanOrEqualTo(TestUpstream.SMALL_BODY.length());
    assertThat(
            delta(
                before,
                after,
                "agentgate_tunnel_bytes_total",
                "agent",
                "cursor",
                "direction",
                "upstream"))
        .isGreaterThan(0);
    assertThat(delta(before, after, "agentgate_proxy_latency_seconds_count")).isEqualTo(1.0);
    assertThat(delta(before, after, "agentgate_upstream_connect_duration_seconds_count"))
        .isEqualTo(1.0);
  }

  @Test
  void aTlsTunnelCountsItsClientHelloAndBytes() throws Exception {
    ScrapeText before = scrape();

    Curl.Result r = curl("--cacert", caPem.toString(), "https://" + TLS_HOST + "/small");

    assertThat(r.out()).as(r.err()).isEqualTo(TestUpstream.SMALL_BODY);
    ScrapeText after = scrape();
    assertThat(delta(before, after, "agentgate_tls_client_hellos_total", "outcome", "parsed"))
        .isEqualTo(1.0);
    for (String phase : new String[] {"connect", "tls"}) {
      assertThat(
              delta(
                  before,
                  after,
                  "agentgate_decisions_total",
                  "action",
                  "allow",
                  "agent",
                  "unknown",
                  "phase",
                  phase))
          .as(phase)
          .isEqualTo(1.0);
    }
    assertThat(
            delta(
                before,
                after,
                "agentgate_tunnel_bytes_total",
                "agent",
                "unknown",
                "direction",
                "downstream"))
        .as("the server's certificate chain and the encrypted body")
        .isGreaterThan(TestUpstream.SMALL_BODY.length() + 500);
    assertThat(delta(before, after, "agentgate_proxy_latency_seconds_count")).isEqualTo(1.0);
  }

  @Test
  void aBlockedConnectCountsTheBlockAndTheClosedConnection() throws Exception {
    ScrapeText before = scrape();

    try (RawClient c = new RawClient(proxy.port())) {
      String reply =
          c.send("CONNECT blocked.example.test:443 HTTP/1.1\r\nHost: blocked.example.test\r\n\r\n")
              .readUntilClose();
      assertThat(reply).startsWith("HTTP/1.1 403 ");
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> proxy.server().openConnections() == 0);
    ScrapeText after = scrape();
    assertThat(
            delta(
                before, after, "agentgate_connection_duration_seconds_count", "listener", "proxy"))
        .isEqualTo(1.0);
    assertThat(
            delta(
                before,
                after,
                "agentgate_decisions_total",
                "action",
                "block",
                "agent",
                "unknown",
                "phase",
                "connect"))
        .isEqualTo(1.0);
    assertThat(delta(before, after, "agentgate_blocks_total", "reason", "policy")).isEqualTo(1.0);
    assertThat(
            delta(
                before,
                after,
                "agentgate_rule_hits_total",
                "mode",
                "enforce",
                "rule",
                "no-blocked"))
        .isEqualTo(1.0);
    assertThat(delta(before, after, "agentgate_tls_client_hellos_total", "outcome", "parsed"))
        .as("a blocked CONNECT never reaches the ClientHello")
        .isZero();
  }

  @Test
  void aRefusedUpstreamConnectIsCountedAsUpstreamRefused() throws Exception {
    ScrapeText before = scrape();

    Curl.Result r = curl("-o", "/dev/null", "-w", "%{http_code}", "http://" + REFUSING_HOST + "/");

    assertThat(r.out()).isEqualTo("502");
    ScrapeText after = scrape();
    assertThat(delta(before, after, "agentgate_errors_total", "kind", "upstream_refused"))
        .isEqualTo(1.0);
    assertThat(delta(before, after, "agentgate_upstream_connect_duration_seconds_count"))
        .as("only successful connects are timed")
        .isZero();
  }

  @Test
  void activeConnectionsFollowOpenAndClose() throws Exception {
    assertThat(scrape().value("agentgate_connections_active", "listener", "proxy")).isZero();
    try (RawClient c = new RawClient(proxy.port())) {
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(scrape().value("agentgate_connections_active", "listener", "proxy"))
                      .isEqualTo(1.0));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(scrape().value("agentgate_connections_active", "listener", "proxy"))
                    .isZero());
  }
}
