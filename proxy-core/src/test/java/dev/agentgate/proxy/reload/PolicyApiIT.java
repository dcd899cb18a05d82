package dev.agentgate.proxy.reload;

import static dev.agentgate.proxy.testing.ProxyFixture.HTTP_HOST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentgate.proxy.testing.ProxyFixture;
import dev.agentgate.proxy.testing.ReloadingProxy;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin policy API over real HTTP against a running proxy. */
class PolicyApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestUpstream upstream;
  private ReloadingProxy proxy;
  private HttpClient viaProxy;

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
    proxy = ReloadingProxy.start(upstream, dir, Texts.allowAll("file-1"));
    viaProxy = proxy.client();
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  private int plainRequest() throws Exception {
    URI uri = URI.create("http://" + HTTP_HOST + "/small");
    return viaProxy.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString()).statusCode();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> unauthenticated(String method, String path, String auth)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(proxy.adminUri(path))
            .method(method, HttpRequest.BodyPublishers.ofString(Texts.allowAll("x")));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return HttpClient.newHttpClient().send(b.build(), BodyHandlers.ofString());
  }

  @Test
  void getReportsTheLivePolicy() throws Exception {
    JsonNode p = json(proxy.admin("GET", "/v1/policy", null));
    assertThat(p.path("version").asText()).isEqualTo("file-1");
    assertThat(p.path("hash").asText()).hasSize(64);
    assertThat(p.path("source").asText()).isEqualTo("startup");
    assertThat(p.path("origin").asText()).isEqualTo(proxy.policyFile.toString());
    assertThat(p.path("loaded_at").asText()).isNotEmpty();
    assertThat(p.path("rule_count").asInt()).isZero();
  }

  @Test
  void putAppliesAndTheNextRequestIsDecidedByTheNewPolicy() throws Exception {
    assertThat(plainRequest()).isEqualTo(200);

    HttpResponse<String> r = proxy.admin("PUT", "/v1/policy", Texts.blocking("api-2", HTTP_HOST));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.path("result").asText()).isEqualTo("applied");
    assertThat(body.path("policy").path("version").asText()).isEqualTo("api-2");
    assertThat(body.path("policy").path("source").asText()).isEqualTo("api");
    assertThat(plainRequest()).isEqualTo(403);
    JsonNode live = json(proxy.admin("GET", "/v1/policy", null));
    assertThat(live.path("version").asText()).isEqualTo("api-2");
    assertThat(live.path("first_decision_at").isTextual()).isTrue();
    assertThat(live.path("history").get(0).path("version").asText()).isEqualTo("file-1");
  }

  @Test
  void theSameTextAgainIsUnchanged() throws Exception {
    proxy.admin("PUT", "/v1/policy", Texts.allowAll("api-2"));
    JsonNode again = json(proxy.admin("PUT", "/v1/policy", Texts.allowAll("api-2")));
    assertThat(again.path("result").asText()).isEqualTo("unchanged");
    assertThat(again.path("changed").asBoolean()).isFalse();
  }

  @Test
  void aYamlSyntaxErrorIs422WithLineAndColumnAndTheLastGoodStays() throws Exception {
    HttpResponse<String> r =
        proxy.admin("PUT", "/v1/policy", "version: v2\ndefault: allow\nrules: [\n  - id: x\n");

    assertThat(r.statusCode()).isEqualTo(422);
    JsonNode error = json(r).path("errors").get(0);
    assertThat(error.path("line").asInt()).isPositive();
    assertThat(error.path("column").asInt()).isPositive();
    assertThat(error.path("file").asText()).isEqualTo("admin-api");
    assertThat(json(proxy.admin("GET", "/v1/policy", null)).path("version").asText())
        .isEqualTo("file-1");
    assertThat(plainRequest()).isEqualTo(200);
  }

  @Test
  void aValidationErrorIs422AndVisibleInReadyz() throws Exception {
    String bad =
        "version: v2\ndefault: allow\nrules:\n  - id: p\n    match: {port: https}\n"
            + "    action: allow\n";
    HttpResponse<String> r = proxy.admin("PUT", "/v1/policy", bad);

    assertThat(r.statusCode()).isEqualTo(422);
    JsonNode error = json(r).path("errors").get(0);
    assertThat(error.path("line").asInt()).isEqualTo(5);
    assertThat(error.path("column").asInt()).isEqualTo(19);
    assertThat(error.path("message").asText()).startsWith("match.port: \"https\"");

    HttpResponse<String> ready =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(proxy.adminUri("/readyz")).build(), BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(200);
    JsonNode readyz = json(ready);
    assertThat(readyz.path("status").asText()).isEqualTo("ready");
    assertThat(readyz.path("policy").path("version").asText()).isEqualTo("file-1");
    assertThat(readyz.path("last_reload").path("result").asText()).isEqualTo("rejected");
    assertThat(readyz.path("last_reload").path("source").asText()).isEqualTo("api");
    assertThat(readyz.path("last_reload").path("errors").get(0).path("line").asInt()).isEqualTo(5);
  }

  @Test
  void validateReportsErrorsAndAppliesNothing() throws Exception {
    HttpResponse<String> ok =
        proxy.admin("POST", "/v1/policy/validate", Texts.blocking("v9", HTTP_HOST));
    HttpResponse<String> bad = proxy.admin("POST", "/v1/policy/validate", "version: [");

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok).path("valid").asBoolean()).isTrue();
    assertThat(json(ok).path("version").asText()).isEqualTo("v9");
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(json(bad).path("valid").asBoolean()).isFalse();
    assertThat(json(bad).path("errors").get(0).path("line").asInt()).isPositive();
    assertThat(json(proxy.admin("GET", "/v1/policy", null)).path("version").asText())
        .isEqualTo("file-1");
    assertThat(plainRequest()).isEqualTo(200);
  }

  @Test
  void rollbackRestoresThePreviousVersionThen409() throws Exception {
    proxy.admin("PUT", "/v1/policy", Texts.blocking("api-2", HTTP_HOST));
    assertThat(plainRequest()).isEqualTo(403);

    HttpResponse<String> back = proxy.admin("POST", "/v1/policy/rollback", null);

    assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    assertThat(json(back).path("policy").path("version").asText()).isEqualTo("file-1");
    assertThat(json(back).path("policy").path("source").asText()).isEqualTo("rollback");
    assertThat(json(back).path("replaced").path("version").asText()).isEqualTo("api-2");
    assertThat(plainRequest()).isEqualTo(200);
    HttpResponse<String> none = proxy.admin("POST", "/v1/policy/rollback", null);
    assertThat(none.statusCode()).isEqualTo(409);
    assertThat(json(none).path("errors").get(0).path("message").asText())
        .startsWith("history: empty");
  }

  @Test
  void explainGivesTheAgentAndThePerPhaseTrace() throws Exception {
    proxy.admin(
        "PUT",
        "/v1/policy",
        String.join(
            "\n",
            "version: explain-1",
            "default: allow",
            "rules:",
            "  - id: claude-needs-headers",
            "    match: {host: api.anthropic.com, header: {x-team: blocked}}",
            "    action: block",
            "    message: not this team",
            ""));
    String facts =
        """
        {"client": "10.1.2.3", "host": "api.anthropic.com", "port": 443,
         "tls": {"sni": "api.anthropic.com", "alpn": ["http/1.1"]},
         "http": {"method": "POST", "path": "/v1/messages",
                  "headers": {"user-agent": "claude-cli/2.0.14 (external, cli)",
                              "x-team": "blocked"}}}
        """;

    HttpResponse<String> r = proxy.admin("POST", "/v1/explain", facts);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode e = json(r);
    assertThat(e.path("policy").path("version").asText()).isEqualTo("explain-1");
    JsonNode trace = e.path("trace");
    assertThat(trace).hasSize(3);
    assertThat(trace.get(0).path("phase").asText()).isEqualTo("connect");
    assertThat(trace.get(0).path("action").asText()).isEqualTo("continue");
    assertThat(trace.get(0).path("agent").path("candidates").toString()).contains("claude-code");
    assertThat(trace.get(1).path("phase").asText()).isEqualTo("tls");
    assertThat(trace.get(2).path("phase").asText()).isEqualTo("http");
    assertThat(trace.get(2).path("action").asText()).isEqualTo("block");
    assertThat(trace.get(2).path("rule").asText()).isEqualTo("claude-needs-headers");
    assertThat(trace.get(2).path("rule_line").asInt()).isEqualTo(4);
    assertThat(e.path("agent").path("id").asText()).isEqualTo("claude-code");
    assertThat(e.path("decided_at").asText()).isEqualTo("http");
  }

  @Test
  void explainRejectsBadFactsWith400() throws Exception {
    HttpResponse<String> r = proxy.admin("POST", "/v1/explain", "{\"host\": \"a\", \"port\": 0}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("error").asText()).startsWith("port:");
    assertThat(proxy.admin("POST", "/v1/explain", "not json").statusCode()).isEqualTo(400);
  }

  @Test
  void withoutATokenIs401AndAWrongTokenIs403AndNothingIsApplied() throws Exception {
    HttpResponse<String> none = unauthenticated("PUT", "/v1/policy", null);
    HttpResponse<String> basic = unauthenticated("PUT", "/v1/policy", "Basic dXNlcjpwdw==");
    HttpResponse<String> wrong =
        unauthenticated("PUT", "/v1/policy", "Bearer " + proxy.token.replace('a', 'b') + "x");
    HttpResponse<String> get = unauthenticated("GET", "/v1/policy", "Bearer nope");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("www-authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(get.statusCode()).isEqualTo(403);
    assertThat(json(proxy.admin("GET", "/v1/policy", null)).path("version").asText())
        .isEqualTo("file-1");
  }

  @Test
  void healthReadinessAndMetricsStayOpen() throws Exception {
    HttpClient c = HttpClient.newHttpClient();
    for (String path : new String[] {"/healthz", "/readyz", "/metrics"}) {
      HttpResponse<String> r =
          c.send(HttpRequest.newBuilder(proxy.adminUri(path)).build(), BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void reloadsShowInTheMetrics() throws Exception {
    proxy.admin("PUT", "/v1/policy", Texts.allowAll("api-2"));
    proxy.admin("PUT", "/v1/policy", "version: [");
    proxy.admin("POST", "/v1/policy/rollback", null);

    String scrape =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(proxy.adminUri("/metrics")).build(), BodyHandlers.ofString())
            .body();
    assertThat(scrape)
        .containsPattern(
            "agentgate_policy_reloads_total\\{result=\"success\",source=\"startup\"} 1(\\.0)?\n")
        .containsPattern(
            "agentgate_policy_reloads_total\\{result=\"success\",source=\"api\"} 1(\\.0)?\n")
        .containsPattern(
            "agentgate_policy_reloads_total\\{result=\"rejected\",source=\"api\"} 1(\\.0)?\n")
        .containsPattern(
            "agentgate_policy_reloads_total\\{result=\"success\",source=\"rollback\"} 1(\\.0)?\n")
        .containsPattern("agentgate_policy_info\\{hash=\"[0-9a-f]{64}\",version=\"file-1\"} 1");
  }

  @Test
  void wrongMethodsAndPathsAreNamed() throws Exception {
    HttpResponse<String> r = proxy.admin("DELETE", "/v1/policy", null);
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("allow")).hasValue("GET, PUT");
    assertThat(proxy.admin("GET", "/v1/nope", null).statusCode()).isEqualTo(404);
    assertThat(proxy.admin("PUT", "/v1/policy", "").statusCode()).isEqualTo(400);
  }
}
