package dev.agentgate.proxy.reload;

import static dev.agentgate.proxy.testing.ProxyFixture.HTTP_HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentgate.policy.Action;
import dev.agentgate.policy.store.PolicyListener;
import dev.agentgate.policy.store.ShadowDisagreement;
import dev.agentgate.proxy.config.ProxyConfig.PolicyOptions;
import dev.agentgate.proxy.testing.ProxyFixture;
import dev.agentgate.proxy.testing.ReloadingProxy;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shadow policy beside the live one, and report-mode rules, on real traffic. */
class ShadowPolicyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestUpstream upstream;
  private final List<ShadowDisagreement> disagreements = new CopyOnWriteArrayList<>();
  private ReloadingProxy proxy;
  private Path shadowFile;

  @BeforeAll
  static void upstream() throws Exception {
    upstream = new TestUpstream(TestCa.create(ProxyFixture.TLS_HOST));
  }

  @AfterAll
  static void stopUpstream() {
    upstream.close();
  }

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    shadowFile =
        Files.writeString(dir.resolve("shadow.yaml"), Texts.blocking("shadow-1", HTTP_HOST));
    Path file = dir.resolve("policy.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "version: live-1",
            "default: allow",
            "rules:",
            "  - id: would-block-plain",
            "    mode: report",
            "    match: {host: " + HTTP_HOST + "}",
            "    action: block",
            "    message: would be blocked",
            ""));
    proxy =
        ReloadingProxy.start(
            upstream,
            dir,
            file,
            o -> new PolicyOptions(o.pollInterval(), shadowFile, false, null, o.adminTokenFile()),
            new PolicyListener() {
              @Override
              public void shadowDisagreed(ShadowDisagreement event) {
                disagreements.add(event);
              }
            });
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  private int get(HttpClient client) throws Exception {
    URI uri = URI.create("http://" + HTTP_HOST + "/small");
    return client.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString()).statusCode();
  }

  @Test
  void theLivePolicyDecidesAndTheShadowsDisagreementsAreCountedByRule() throws Exception {
    HttpClient client = proxy.client();
    for (int i = 0; i < 3; i++) {
      assertThat(get(client)).isEqualTo(200);
    }

    assertThat(proxy.runtime().shadowDisagreements()).isEqualTo(Map.of("block-shadow-1", 3L));
    assertThat(proxy.runtime().shadowComparisons()).isEqualTo(3);
    assertThat(proxy.runtime().reportHits()).isEqualTo(Map.of("would-block-plain", 3L));
    assertThat(disagreements).hasSize(3);
    ShadowDisagreement d = disagreements.get(0);
    assertThat(d.live().action()).isEqualTo(Action.ALLOW);
    assertThat(d.shadow().action()).isEqualTo(Action.BLOCK);
    assertThat(d.shadowVersion()).isEqualTo("shadow-1");
    assertThat(d.liveVersion()).isEqualTo("live-1");

    JsonNode policy = JSON.readTree(proxy.admin("GET", "/v1/policy", null).body());
    assertThat(policy.path("report_hits").path("would-block-plain").asLong()).isEqualTo(3);
    JsonNode shadow = policy.path("shadow");
    assertThat(shadow.path("policy").path("version").asText()).isEqualTo("shadow-1");
    assertThat(shadow.path("compared").asLong()).isEqualTo(3);
    assertThat(shadow.path("disagreements").path("block-shadow-1").asLong()).isEqualTo(3);
  }

  @Test
  void theShadowFileIsReloadedToo() throws Exception {
    Files.writeString(shadowFile, Texts.allowAll("shadow-2"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "shadow-2".equals(proxy.runtime().shadow().shadowStore().live().version()));

    assertThat(get(proxy.client())).isEqualTo(200);
    assertThat(disagreements).isEmpty();
  }

  @Test
  void explainShowsTheShadowDecisionToo() throws Exception {
    JsonNode e =
        JSON.readTree(
            proxy
                .admin("POST", "/v1/explain", "{\"host\": \"" + HTTP_HOST + "\", \"port\": 80}")
                .body());
    assertThat(e.path("decision").path("action").asText()).isEqualTo("allow");
    assertThat(e.path("decision").path("reports").get(0).path("rule").asText())
        .isEqualTo("would-block-plain");
    assertThat(e.path("shadow").path("decision").path("action").asText()).isEqualTo("block");
  }
}
