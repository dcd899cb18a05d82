package dev.agentgate.policy.lang;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Confidence;
import dev.agentgate.policy.agents.Identification;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs the table in {@code policies/semantics.yaml}: policy + facts per phase -> decision. */
class SemanticsTableTest {

  @TestFactory
  Stream<DynamicTest> semanticsTable() throws IOException {
    JsonNode table = load();
    Map<String, CompiledPolicy> policies = new HashMap<>();
    table
        .get("policies")
        .fields()
        .forEachRemaining(
            e ->
                policies.put(
                    e.getKey(),
                    PolicyCompiler.compile(e.getKey() + ".yaml", e.getValue().asText())
                        .orElseThrow()));
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : table.get("cases")) {
      tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c, policies)));
    }
    assertThat(tests).hasSizeGreaterThan(40);
    return tests.stream();
  }

  private static void run(JsonNode c, Map<String, CompiledPolicy> policies) {
    CompiledPolicy policy = policies.get(c.get("policy").asText());
    assertThat(policy).as("policy %s", c.get("policy")).isNotNull();
    boolean plain = c.path("plain").asBoolean(false);
    boolean useCatalog = c.path("catalog").asBoolean(false);
    JsonNode facts = c.get("facts");
    JsonNode expect = c.get("expect");
    Identification agent = Identification.UNKNOWN;
    for (Phase phase : Phase.values()) {
      if (plain && phase == Phase.TLS) {
        continue;
      }
      JsonNode agentSpec = c.path("agent").get(phase.name());
      agent = agentSpec == null ? agent : identification(agentSpec.asText());
      EgressRequest limited = request(phase, facts, plain, false);
      EgressRequest full = request(phase, facts, plain, true);
      Decision d = useCatalog ? policy.evaluate(limited) : policy.evaluate(limited, agent);
      Decision same = useCatalog ? policy.evaluate(full) : policy.evaluate(full, agent);
      assertThat(d.reason()).isNotBlank();
      assertThat(same.action() + " " + same.ruleId())
          .as("%s: facts of later phases must not change the decision", phase)
          .isEqualTo(d.action() + " " + d.ruleId());
      if (phase == Phase.HTTP) {
        assertThat(d.isFinal()).as("HTTP decisions are final").isTrue();
      }
      if (expect.has(phase.name())) {
        assertThat(d.action() + " " + d.ruleId())
            .as("%s (%s)", phase, d.reason())
            .isEqualTo(expect.get(phase.name()).asText());
        List<String> reports = d.reports().stream().map(Decision.ReportedMatch::ruleId).toList();
        List<String> expected = new ArrayList<>();
        c.path("reports").path(phase.name()).forEach(r -> expected.add(r.asText()));
        assertThat(reports).as("%s reports", phase).isEqualTo(expected);
      }
    }
  }

  /** The facts known at {@code phase} (or all of them, with {@code everything}). */
  private static EgressRequest request(Phase phase, JsonNode f, boolean plain, boolean everything) {
    EgressRequest.Builder b =
        EgressRequest.builder(phase, f.get("host").asText(), f.path("port").asInt(443));
    Set<String> groups = new LinkedHashSet<>();
    f.path("groups").forEach(g -> groups.add(g.asText()));
    b.client(text(f, "client"), text(f, "user"), groups);
    if (everything || (phase.knows(Phase.TLS) && !plain)) {
      List<String> alpn = new ArrayList<>();
      f.path("alpn").forEach(a -> alpn.add(a.asText()));
      boolean tls = !plain && f.path("tls").asBoolean(true);
      b.tls(tls, text(f, "sni"), alpn, text(f, "ja3"), text(f, "ja4"));
    }
    if (everything || phase.knows(Phase.HTTP)) {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      f.path("headers")
          .fields()
          .forEachRemaining(h -> headers.put(h.getKey(), List.of(h.getValue().asText())));
      b.http(f.path("method").asText("GET"), f.path("path").asText("/"), headers);
    }
    return b.build();
  }

  /** "none", "id=X", "candidates=A,B", plus "category=C" and "impersonation". */
  static Identification identification(String spec) {
    String id = null;
    List<String> candidates = List.of();
    String category = null;
    boolean impersonation = false;
    for (String token : spec.trim().split("\\s+")) {
      if (token.startsWith("id=")) {
        id = token.substring(3);
      } else if (token.startsWith("candidates=")) {
        candidates = Arrays.asList(token.substring(11).split(","));
      } else if (token.startsWith("category=")) {
        category = token.substring(9);
      } else if (token.equals("impersonation")) {
        impersonation = true;
      } else if (!token.equals("none")) {
        throw new IllegalArgumentException("bad agent spec token: " + token);
      }
    }
    Confidence confidence =
        id != null ? Confidence.HEADERS : candidates.isEmpty() ? Confidence.NONE : Confidence.HOST;
    return new Identification(
        id, candidates, confidence, List.of("test: " + spec), impersonation, null, category);
  }

  private static String text(JsonNode f, String key) {
    JsonNode v = f.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static JsonNode load() throws IOException {
    try (InputStream in =
        SemanticsTableTest.class.getResourceAsStream("/policies/semantics.yaml")) {
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }
}
