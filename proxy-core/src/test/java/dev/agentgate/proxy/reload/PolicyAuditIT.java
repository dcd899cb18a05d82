package dev.agentgate.proxy.reload;

import static dev.agentgate.proxy.testing.ProxyFixture.HTTP_HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentgate.policy.store.ReloadEvent;
import dev.agentgate.proxy.Main;
import dev.agentgate.proxy.config.ProxyConfig.PolicyOptions;
import dev.agentgate.proxy.observe.audit.AuditConfig;
import dev.agentgate.proxy.observe.audit.AuditLog;
import dev.agentgate.proxy.testing.ProxyFixture;
import dev.agentgate.proxy.testing.ReloadingProxy;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.testing.TestUpstream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A shadow disagreement on real traffic shows in {@code /metrics} and in the audit log, a rejected
 * reload of the policy file is audited, and the audit file's chain still verifies.
 */
class PolicyAuditIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestUpstream upstream;

  @BeforeAll
  static void upstream() throws Exception {
    upstream = new TestUpstream(TestCa.create(ProxyFixture.TLS_HOST));
  }

  @AfterAll
  static void stopUpstream() {
    upstream.close();
  }

  @Test
  void disagreementsAndRejectedReloadsReachMetricsAndTheAuditLog(@TempDir Path dir)
      throws Exception {
    Path auditFile = dir.resolve("audit.log");
    Path shadowFile =
        Files.writeString(dir.resolve("shadow.yaml"), Texts.blocking("shadow-1", HTTP_HOST));
    AuditLog auditLog = AuditLog.start(AuditConfig.toFile(auditFile));
    String metrics;
    try (auditLog;
        ReloadingProxy proxy =
            ReloadingProxy.start(
                upstream,
                dir,
                Texts.allowAll("live-1"),
                o ->
                    new PolicyOptions(
                        o.pollInterval(), shadowFile, false, null, o.adminTokenFile()),
                new PolicyAudit(auditLog, Clock.systemUTC()))) {
      URI uri = URI.create("http://" + HTTP_HOST + "/small");
      HttpClient client = proxy.client();
      assertThat(
              client
                  .send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString())
                  .statusCode())
          .as("the live policy decides")
          .isEqualTo(200);

      Files.writeString(proxy.policyFile, "version: \"live-2\"\nrules: [\n");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> proxy.runtime().store().lastReload().result() == ReloadEvent.Result.REJECTED);

      metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(proxy.adminUri("/metrics")).build(),
                  BodyHandlers.ofString())
              .body();
    }

    assertThat(metrics)
        .contains("agentgate_policy_shadow_disagreements_total{rule=\"default\"} 1.0")
        .contains("agentgate_policy_shadow_disagreements_total{rule=\"_unattributed\"} 0.0");

    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(auditFile)) {
      events.add(JSON.readTree(line));
    }
    JsonNode disagreement = only(events, "shadow_disagreement");
    assertThat(disagreement.path("host").asText()).isEqualTo(HTTP_HOST);
    assertThat(disagreement.path("port").asInt()).isEqualTo(80);
    assertThat(disagreement.path("phase").asText()).isEqualTo("CONNECT");
    assertThat(disagreement.path("action").asText()).isEqualTo("ALLOW");
    assertThat(disagreement.path("rule").asText()).isEqualTo("default");
    assertThat(disagreement.path("policy_version").asText()).isEqualTo("live-1");
    assertThat(disagreement.path("shadow").path("rule").asText()).isEqualTo("block-shadow-1");
    assertThat(disagreement.path("shadow").path("action").asText()).isEqualTo("BLOCK");
    assertThat(disagreement.path("shadow").path("version").asText()).isEqualTo("shadow-1");

    List<JsonNode> reloads =
        events.stream().filter(e -> e.path("event").asText().equals("policy_reload")).toList();
    assertThat(reloads)
        .extracting(e -> e.path("reload").path("role").asText() + " " + result(e))
        .containsExactly("live startup applied", "shadow startup applied", "live file rejected");
    JsonNode rejected = reloads.get(2);
    assertThat(rejected.path("policy_version").asText()).isEqualTo("live-1");
    assertThat(rejected.path("reload").path("error_count").asInt()).isPositive();
    assertThat(rejected.path("reload").path("errors").get(0).asText()).contains("yaml");
    assertThat(rejected.path("reload").path("hash").asText()).hasSize(64);

    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    assertThat(cli.execute("audit", "verify", auditFile.toString())).as(out.toString()).isZero();
    assertThat(out.toString()).startsWith("OK " + events.size() + " events");
  }

  private static String result(JsonNode e) {
    return e.path("reload").path("source").asText()
        + " "
        + e.path("reload").path("result").asText();
  }

  private static JsonNode only(List<JsonNode> events, String type) {
    List<JsonNode> found =
        events.stream().filter(e -> e.path("event").asText().equals(type)).toList();
    assertThat(found).as(type + " events").hasSize(1);
    return found.get(0);
  }
}
