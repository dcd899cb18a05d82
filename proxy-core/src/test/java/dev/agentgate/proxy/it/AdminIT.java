package dev.agentgate.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.proxy.testing.ProxyFixture;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin listener's health, readiness and metrics endpoints. */
class AdminIT {
  private static TestUpstream upstream;
  private static ProxyFixture proxy;
  private static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    upstream = new TestUpstream(TestCa.create(ProxyFixture.TLS_HOST));
    proxy = ProxyFixture.start(upstream);
  }

  @AfterAll
  static void stop() {
    proxy.close();
    upstream.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + proxy.adminAddress().getPort() + path);
    return client.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
  }

  @Test
  void healthzSaysOk() throws Exception {
    HttpResponse<String> r = get("/healthz");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok\n");
  }

  @Test
  void readyzReportsThePolicyVersionAndHash() throws Exception {
    HttpResponse<String> r = get("/readyz");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.body())
        .isEqualTo("{\"status\":\"ready\",\"policy\":{\"version\":\"test\",\"hash\":\"0000\"}}\n");
  }

  @Test
  void metricsServesThePrometheusScrape() throws Exception {
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
    assertThat(r.body())
        .contains("# TYPE agentgate_connections_opened_total counter")
        .contains("agentgate_event_loop_pending_tasks{loop=\"0\"}")
        .contains("agentgate_netty_allocator_used_bytes{allocator=\"pooled\"");
  }

  @Test
  void unknownPathIs404() throws Exception {
    assertThat(get("/nope").statusCode()).isEqualTo(404);
  }
}
