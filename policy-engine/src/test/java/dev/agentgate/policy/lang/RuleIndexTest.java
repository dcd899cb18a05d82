package dev.agentgate.policy.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Confidence;
import dev.agentgate.policy.agents.Identification;
import dev.agentgate.policy.match.Tri;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The index must give the same decision as scanning every rule in order: random policies and
 * requests from small pools of hosts, agents, fingerprints and groups, so rules overlap a lot.
 */
class RuleIndexTest {
  private static final List<String> HOSTS =
      List.of("api.a.test", "b.test", "x.b.test", "y.x.b.test", "c.test", "10.0.0.1");
  private static final List<String> HOST_PATTERNS =
      List.of("api.a.test", "b.test", "'*.b.test'", "'*.x.b.test'", "c.test", "10.0.0.1");
  private static final List<String> AGENTS = List.of("claude-code", "cursor", "codex", "aider");
  private static final List<String> JA4S =
      List.of("t13d1714h1_5b57614c22b0_43ade6aba3df", "t13d1516h2_8daaf6152771_02713d6af862");
  private static final List<String> JA4_PATTERNS =
      List.of("t13d1714h1_5b57614c22b0_43ade6aba3df", "'t13d15*'", "'t13d*'", "'q*'");
  private static final List<String> GROUPS = List.of("eng", "sales", "ops");
  private static final List<String> SOURCES =
      List.of(
          "10.0.0.0/8",
          "10.1.0.0/16",
          "10.1.2.0/24",
          "'10.2.0.0/12'",
          "'192.168.0.0/16'",
          "'fd00::/8'");
  private static final List<String> CLIENTS =
      List.of(
          "10.1.2.3",
          "10.1.9.9:4000",
          "10.2.3.4",
          "192.168.1.1",
          "::ffff:10.1.2.3",
          "[fd00::1]:5",
          "8.8.8.8");

  @Test
  void indexAgreesWithAFullScan() {
    int continues = 0;
    Set<String> deciding = new HashSet<>();
    for (long seed = 1; seed <= 10; seed++) {
      Random random = new Random(seed);
      CompiledPolicy policy =
          PolicyCompiler.compile("random.yaml", randomPolicy(random, 60)).orElseThrow();
      continues += compare(policy, random, deciding);
    }
    assertThat(continues).as("the random policies exercise CONTINUE").isPositive();
    assertThat(deciding).as("many different rules decide").hasSizeGreaterThan(50);
  }

  private static int compare(CompiledPolicy policy, Random random, Set<String> deciding) {
    int continues = 0;
    for (int i = 0; i < 400; i++) {
      for (Phase phase : Phase.values()) {
        EgressRequest r = randomRequest(random, phase);
        Identification agent = randomAgent(random, phase);
        Decision indexed = policy.evaluate(r, agent);
        Decision scanned = scan(policy, r, agent);
        assertThat(indexed.action() + " " + indexed.ruleId() + " " + indexed.reports())
            .as("%s %s %s", phase, r, agent)
            .isEqualTo(scanned.action() + " " + scanned.ruleId() + " " + scanned.reports());
        continues += indexed.action() == Action.CONTINUE ? 1 : 0;
        deciding.add(policy.version() + policy.contentHash() + indexed.ruleId());
      }
    }
    return continues;
  }

  /** The reference: every rule in order, no index. */
  private static Decision scan(CompiledPolicy policy, EgressRequest r, Identification agent) {
    List<Decision.ReportedMatch> reports = new ArrayList<>();
    for (Rule rule : policy.ruleList()) {
      Tri t = rule.match(r, agent);
      if (t == Tri.NO) {
        continue;
      }
      if (rule.report) {
        if (t == Tri.YES) {
          reports.add(rule.reported());
        }
        continue;
      }
      return t == Tri.YES ? rule.decide(reports, agent) : rule.pending(r, reports, agent);
    }
    return new Decision(Action.ALLOW, "default", "default", null, null, reports, agent);
  }

  private static String randomPolicy(Random random, int rules) {
    StringBuilder y = new StringBuilder("version: r\ndefault: allow\nrules:\n");
    for (int i = 0; i < rules; i++) {
      List<String> keys = new ArrayList<>();
      int kind = random.nextInt(6);
      if (kind == 0 || random.nextInt(4) == 0) {
        keys.add(
            "host: [" + pick(random, HOST_PATTERNS) + ", " + pick(random, HOST_PATTERNS) + "]");
      }
      if (kind == 1 || random.nextInt(4) == 0) {
        keys.add("agent: [" + pick(random, AGENTS) + (random.nextInt(4) == 0 ? ", unknown]" : "]"));
      }
      if (kind == 2 || random.nextInt(5) == 0) {
        keys.add("ja4: " + pick(random, JA4_PATTERNS));
      }
      if (kind == 3 || random.nextInt(5) == 0) {
        keys.add("group: " + pick(random, GROUPS));
      }
      if (random.nextInt(6) == 0) {
        keys.add("header: {x-flag: true}");
      }
      if (random.nextInt(6) == 0) {
        keys.add("port: 8443");
      }
      if (kind == 4 || random.nextInt(8) == 0) {
        keys.add("source: " + pick(random, SOURCES));
      }
      String action = random.nextBoolean() ? "allow" : "block, message: m";
      String mode = random.nextInt(8) == 0 ? ", mode: report" : "";
      y.append("  - {id: r")
          .append(i)
          .append(", match: {")
          .append(String.join(", ", keys))
          .append("}, action: ")
          .append(action)
          .append(mode)
          .append("}\n");
    }
    return y.toString();
  }

  private static EgressRequest randomRequest(Random random, Phase phase) {
    return EgressRequest.builder(phase, pick(random, HOSTS), random.nextInt(5) == 0 ? 8443 : 443)
        .client(
            pick(random, CLIENTS),
            "u",
            random.nextBoolean() ? Set.of(pick(random, GROUPS)) : Set.of())
        .tls(random.nextInt(6) != 0, "sni.test", List.of("h2"), null, pick(random, JA4S))
        .http("GET", "/", random.nextBoolean() ? Map.of("x-flag", List.of("1")) : Map.of())
        .build();
  }

  private static Identification randomAgent(Random random, Phase phase) {
    switch (random.nextInt(3)) {
      case 0:
        return Identification.UNKNOWN;
      case 1:
        return new Identification(
            pick(random, AGENTS), List.of(), Confidence.HOST, List.of(), false, null, null);
      default:
        return new Identification(
            null,
            List.of(pick(random, AGENTS), pick(random, AGENTS)),
            Confidence.HOST,
            List.of(),
            false,
            null,
            null);
    }
  }

  private static String pick(Random random, List<String> from) {
    return from.get(random.nextInt(from.size()));
  }
}
