package dev.agentgate.proxy.observe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Confidence;
import dev.agentgate.policy.agents.Identification;
import dev.agentgate.proxy.observe.ConnectionFacts;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditObserverTest {

  private final List<AuditEvent> recorded = new ArrayList<>();
  private final AuditSink sink =
      new AuditSink() {
        @Override
        public boolean record(AuditEvent event) {
          return recorded.add(event);
        }

        @Override
        public boolean acceptingNewConnections() {
          return true;
        }

        @Override
        public long droppedCount() {
          return 0;
        }
      };
  private final AuditObserver observer =
      new AuditObserver(sink, () -> "v9", Clock.fixed(AuditTestEvents.T0, ZoneOffset.UTC));

  @Test
  void aDecisionCarriesTheConnectionsIdentityAndTheReports() {
    ConnectionFacts facts = new ConnectionFacts(7, "2001:db8::5", 40000, 0, System.nanoTime());
    facts.identity("alice", Set.of("platform"));
    EgressRequest request =
        EgressRequest.builder(Phase.TLS, "api.anthropic.com", 443)
            .client("2001:db8::5", "alice", Set.of("platform"))
            .tls(true, "api.anthropic.com", List.of("h2"), "ja3", "t13d_x_y")
            .build();
    Identification agent =
        new Identification(
            "claude-code",
            List.of(),
            Confidence.HOST_TLS,
            List.of("ja4 family"),
            false,
            null,
            null);
    Decision decision =
        new Decision(
            Action.ALLOW,
            "r1",
            "allowed",
            null,
            null,
            List.of(new Decision.ReportedMatch("r0", Action.BLOCK, "report mode: would block")),
            agent);

    observer.decided(facts, request, decision);

    AuditEvent e = recorded.get(0);
    assertThat(e.type()).isEqualTo(AuditEvent.Type.DECISION);
    assertThat(e.connection()).isEqualTo("7");
    assertThat(e.client()).isEqualTo("[2001:db8::5]:40000");
    assertThat(e.user()).isEqualTo("alice");
    assertThat(e.groups()).containsExactly("platform");
    assertThat(e.sni()).isEqualTo("api.anthropic.com");
    assertThat(e.agent()).isEqualTo("claude-code");
    assertThat(e.phase()).isEqualTo(Phase.TLS);
    assertThat(e.ruleId()).isEqualTo("r1");
    assertThat(e.reportMode()).isTrue();
    assertThat(e.reports())
        .containsExactly(new AuditReport("r0", Action.BLOCK, "report mode: would block"));
    assertThat(e.policyVersion()).isEqualTo("v9");
    assertThat(e.time()).isEqualTo(AuditTestEvents.T0);
  }

  @Test
  void aCloseCarriesBytesDurationAndTheLastAgent() {
    ConnectionFacts facts = new ConnectionFacts(8, "10.0.0.9", 5000, 0, 1_000_000L);
    facts.target(ConnectionFacts.Kind.TUNNEL, "api.example.test", 443);
    facts.upstreamAddress("192.0.2.1:443");
    facts.addBytesFromClient(300);
    facts.addBytesToClient(4000);
    facts.markClosed(1_000_000L + 2_500_000_000L);

    observer.closed(facts);

    AuditEvent e = recorded.get(0);
    assertThat(e.type()).isEqualTo(AuditEvent.Type.CLOSE);
    assertThat(e.client()).isEqualTo("10.0.0.9:5000");
    assertThat(e.host()).isEqualTo("api.example.test");
    assertThat(e.resolved()).isEqualTo("192.0.2.1:443");
    assertThat(e.bytesUp()).isEqualTo(300);
    assertThat(e.bytesDown()).isEqualTo(4000);
    assertThat(e.durationMillis()).isEqualTo(2500);
    assertThat(e.agent()).isEqualTo("unknown");
    assertThat(e.action()).isNull();
  }
}
