package dev.agentgate.policy.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.redact.RedactorSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompiledPolicyTest {
  private static final String POLICY =
      String.join(
          "\n",
          "version: 2026-06-01.3",
          "description: test policy",
          "default:",
          "  action: block",
          "  message: \"Ask #it-help to approve this destination\"",
          "agents:",
          "  - id: acme-helper",
          "    name: Acme Helper",
          "    vendor: Acme",
          "    exclusive-hosts: true",
          "    hosts:",
          "      model-api: [llm.acme.test]",
          "    user-agent-prefixes: [acme-helper/]",
          "redactors:",
          "  model-apis:",
          "    detectors: [aws-access-key, private-key]",
          "    patterns:",
          "      - {name: acme-ticket, regex: 'ACME-[0-9]{6}'}",
          "    markers: [CONFIDENTIAL-DO-NOT-SHARE]",
          "    on_finding: block",
          "    on_uninspectable: allow",
          "    max_body_bytes: 1048576",
          "rules:",
          "  - id: acme",
          "    description: our own agent",
          "    match: {agent: acme-helper}",
          "    action: redact",
          "    redactor: model-apis",
          "  - id: new-rule-preview",
          "    mode: report",
          "    match: {host: github.com}",
          "    action: block",
          "    message: would be blocked",
          "  - id: github",
          "    match: {host: [github.com, '*.github.com']}",
          "    action: allow",
          "");

  @Test
  void exposesVersionHashRulesRedactorsAndCatalog() throws Exception {
    CompiledPolicy p = PolicyCompiler.compile("company.yaml", POLICY).orElseThrow();

    assertThat(p.version()).isEqualTo("2026-06-01.3");
    assertThat(p.sourceName()).isEqualTo("company.yaml");
    String sha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(POLICY.getBytes(StandardCharsets.UTF_8)));
    assertThat(p.contentHash()).isEqualTo(sha).hasSize(64);
    assertThat(p.ruleCount()).isEqualTo(3);
    assertThat(p.ruleIds()).containsExactly("acme", "new-rule-preview", "github");
    assertThat(p.rules().get(0).description()).isEqualTo("our own agent");
    assertThat(p.rules().get(1).reportMode()).isTrue();
    assertThat(p.rules().get(2).match()).isEqualTo("host [github.com, *.github.com]");

    RedactorSpec r = p.redactor("model-apis").orElseThrow();
    assertThat(r.detectors()).containsExactly("aws-access-key", "private-key");
    assertThat(r.patterns()).hasSize(1);
    assertThat(r.patterns().get(0).name()).isEqualTo("acme-ticket");
    assertThat(r.patterns().get(0).pattern().matcher("see ACME-123456").find()).isTrue();
    assertThat(r.markers()).containsExactly("CONFIDENTIAL-DO-NOT-SHARE");
    assertThat(r.onFinding()).isEqualTo(RedactorSpec.OnFinding.BLOCK);
    assertThat(r.onUninspectable()).isEqualTo(RedactorSpec.OnUninspectable.ALLOW);
    assertThat(r.maxBodyBytes()).isEqualTo(1048576);
    assertThat(p.redactor("nope")).isEmpty();

    assertThat(p.catalog().find("acme-helper")).isPresent();
    assertThat(p.catalog().ids()).contains("claude-code", "cursor");
  }

  @Test
  void redactorDefaultsFailClosed() {
    CompiledPolicy p =
        PolicyCompiler.compile(
                "p.yaml", "version: 1\ndefault: allow\nredactors:\n  s: {detectors: all}\n")
            .orElseThrow();
    RedactorSpec r = p.redactor("s").orElseThrow();
    assertThat(r.onFinding()).isEqualTo(RedactorSpec.OnFinding.REDACT);
    assertThat(r.onUninspectable()).isEqualTo(RedactorSpec.OnUninspectable.BLOCK);
    assertThat(r.maxBodyBytes()).isEqualTo(RedactorSpec.DEFAULT_MAX_BODY_BYTES);
  }

  @Test
  void policyAgentsAreIdentifiedByTheEngine() {
    CompiledPolicy p = PolicyCompiler.compile("company.yaml", POLICY).orElseThrow();
    Decision d = p.evaluate(EgressRequest.builder(Phase.CONNECT, "llm.acme.test", 443).build());
    assertThat(d.action()).isEqualTo(Action.REDACT);
    assertThat(d.ruleId()).isEqualTo("acme");
    assertThat(d.redactor()).isEqualTo("model-apis");
    assertThat(d.agent().agentId()).isEqualTo("acme-helper");
    assertThat(d.reason()).contains("acme", "agent [acme-helper]");
  }

  @Test
  void defaultAndReportsCarryMessagesAndReasons() {
    CompiledPolicy p = PolicyCompiler.compile("company.yaml", POLICY).orElseThrow();
    Decision blocked =
        p.evaluate(EgressRequest.builder(Phase.CONNECT, "pastebin.com", 443).build());
    assertThat(blocked.action()).isEqualTo(Action.BLOCK);
    assertThat(blocked.ruleId()).isEqualTo("default");
    assertThat(blocked.message()).isEqualTo("Ask #it-help to approve this destination");
    assertThat(blocked.reason()).isEqualTo("no rule matched: default block");

    Decision github = p.evaluate(EgressRequest.builder(Phase.CONNECT, "github.com", 443).build());
    assertThat(github.action()).isEqualTo(Action.ALLOW);
    assertThat(github.message()).isNull();
    assertThat(github.reports())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ruleId()).isEqualTo("new-rule-preview");
              assertThat(r.wouldHave()).isEqualTo(Action.BLOCK);
              assertThat(r.reason()).startsWith("report mode: rule 'new-rule-preview' matched");
            });
  }

  @Test
  void continueNamesTheRuleAndTheMissingFacts() {
    CompiledPolicy p =
        PolicyCompiler.compile(
                "p.yaml",
                "version: 1\ndefault: allow\nrules:\n"
                    + "  - {id: r1, match: {host: a.example, ja4: 't13d*', header: {x: true}},"
                    + " action: block, message: m}\n")
            .orElseThrow();
    Decision d = p.evaluate(EgressRequest.builder(Phase.CONNECT, "a.example", 443).build());
    assertThat(d.action()).isEqualTo(Action.CONTINUE);
    assertThat(d.ruleId()).isEqualTo("r1");
    assertThat(d.reason()).isEqualTo("rule 'r1' (block) needs ja4, header, not known at CONNECT");
  }

  @Test
  void emptyRulesAndBareAllowDefault() {
    CompiledPolicy p =
        PolicyCompiler.compile("p.yaml", "version: 1\ndefault: allow\n").orElseThrow();
    assertThat(p.ruleCount()).isZero();
    for (Phase phase : Phase.values()) {
      Decision d = p.evaluate(EgressRequest.builder(phase, "anything.example", 443).build());
      assertThat(d.action()).isEqualTo(Action.ALLOW);
      assertThat(d.ruleId()).isEqualTo("default");
    }
  }

  @Test
  void orElseThrowListsEveryError() {
    PolicyCompiler.Result r = PolicyCompiler.compile("x.yaml", "version: 1\nrules: 5\n");
    assertThat(r.ok()).isFalse();
    assertThatThrownBy(r::orElseThrow)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x.yaml:2:8: rules: 5 (expected: a list of rules)")
        .hasMessageContaining("default: missing");
  }

  @Test
  void plainHttpRequestsMatchHostsAndHeaders() {
    CompiledPolicy p =
        PolicyCompiler.compile(
                "p.yaml",
                "version: 1\ndefault: {action: block, message: no}\nrules:\n"
                    + "  - {id: r, match: {host: mirror.example, header: {user-agent: 'pip/.*'}},"
                    + " action: allow}\n")
            .orElseThrow();
    EgressRequest req =
        EgressRequest.builder(Phase.HTTP, "mirror.example", 80)
            .http("GET", "/simple/", Map.of("User-Agent", List.of("pip/24.0")))
            .client("10.0.0.1", null, Set.of())
            .build();
    assertThat(p.evaluate(req).action()).isEqualTo(Action.ALLOW);
  }
}
