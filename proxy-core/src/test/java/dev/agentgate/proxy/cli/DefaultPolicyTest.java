package dev.agentgate.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.lang.CompiledPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The embedded default policy allows everything while the agent is identified. */
class DefaultPolicyTest {

  @Test
  void embeddedDefaultPolicyCompilesAndPassesCheck() {
    CompiledPolicy p = PolicyFiles.defaultPolicy();
    assertThat(p.version()).isEqualTo("builtin-default-1");
    assertThat(p.sourceName()).isEqualTo("default-policy.yaml");
    PolicyCommandTest.Run r =
        PolicyCommandTest.run("policy", "check", "src/main/resources/default-policy.yaml");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void allowsEveryPhaseAndReadsTheClientHello() {
    CompiledPolicy p = PolicyFiles.defaultPolicy();
    for (String host : List.of("api.anthropic.com", "api2.cursor.sh", "example.org", "10.1.2.3")) {
      EgressRequest.Builder b =
          EgressRequest.builder(Phase.CONNECT, host, 443)
              .client("10.0.0.5", null, Set.of())
              .tls(true, host, List.of("h2"), null, "t13d1714h1_5b57614c22b0_43ade6aba3df")
              .http("POST", "/v1/messages", Map.of("user-agent", List.of("claude-cli/2.1.0")));
      Decision connect = p.evaluate(b.phase(Phase.CONNECT).build());
      assertThat(connect.action())
          .as("reads the ClientHello to fingerprint it")
          .isEqualTo(Action.CONTINUE);
      Decision tls = p.evaluate(b.phase(Phase.TLS).build());
      assertThat(tls.action()).isEqualTo(Action.ALLOW);
      assertThat(tls.ruleId()).isEqualTo("observe-tls");
      Decision http = p.evaluate(b.phase(Phase.HTTP).build());
      assertThat(http.action()).isEqualTo(Action.ALLOW);
    }
    Decision plain =
        p.evaluate(
            EgressRequest.builder(Phase.HTTP, "mirror.example", 80)
                .tls(false, null, List.of(), null, null)
                .http("GET", "/", Map.of())
                .build());
    assertThat(plain.action()).isEqualTo(Action.ALLOW);
    assertThat(plain.ruleId()).isEqualTo("default");
  }

  @Test
  void identifiesAgentsWhileAllowing() {
    CompiledPolicy p = PolicyFiles.defaultPolicy();
    Decision d =
        p.evaluate(
            EgressRequest.builder(Phase.TLS, "api2.cursor.sh", 443)
                .tls(true, "api2.cursor.sh", List.of(), null, null)
                .build());
    assertThat(d.action()).isEqualTo(Action.ALLOW);
    assertThat(d.agent().agentId()).isEqualTo("cursor");
  }
}
