package dev.agentgate.proxy.observe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Confidence;
import dev.agentgate.policy.agents.Identification;
import dev.agentgate.policy.redact.Finding;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.Redaction;
import dev.agentgate.proxy.tls.ClientTlsFailure;
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

  @Test
  void aRedactDecisionIsOneEventWithTheOutcomeAndTheFindingsButNoValue() {
    ConnectionFacts facts = new ConnectionFacts(9, "10.0.0.9", 5000, 0, System.nanoTime());
    EgressRequest request =
        EgressRequest.builder(Phase.HTTP, "api.anthropic.com", 443)
            .http("POST", "/v1/messages", java.util.Map.of())
            .build();
    Decision decision =
        new Decision(Action.REDACT, "redact-all", "model APIs", null, "secrets", List.of(), null);

    observer.redacted(
        facts,
        request,
        decision,
        new Redaction(
            Redaction.Outcome.REDACTED,
            List.of(new Finding("aws-access-key", "$.messages[0].content", 2, "3f9a0b1c2d3e")),
            null,
            1234));

    assertThat(recorded).hasSize(1);
    AuditEvent e = recorded.get(0);
    assertThat(e.type()).isEqualTo(AuditEvent.Type.DECISION);
    assertThat(e.action()).isEqualTo(Action.REDACT);
    assertThat(e.phase()).isEqualTo(Phase.HTTP);
    assertThat(e.redaction()).isEqualTo("redacted");
    assertThat(e.reason()).isEqualTo("model APIs");
    assertThat(e.findings())
        .containsExactly(
            new AuditFinding("aws-access-key", "$.messages[0].content", 2, "3f9a0b1c2d3e"));
  }

  @Test
  void anUninspectableBodySaysWhyInTheReason() {
    ConnectionFacts facts = new ConnectionFacts(10, "10.0.0.9", 5000, 0, System.nanoTime());
    EgressRequest request = EgressRequest.builder(Phase.HTTP, "api.openai.com", 443).build();
    Decision decision =
        new Decision(Action.REDACT, "redact-all", "model APIs", null, "secrets", List.of(), null);

    observer.redacted(
        facts,
        request,
        decision,
        Redaction.of(Redaction.Outcome.UNINSPECTABLE_REFUSED, "unsupported content-encoding br2"));

    AuditEvent e = recorded.get(0);
    assertThat(e.redaction()).isEqualTo("uninspectable_refused");
    assertThat(e.reason()).isEqualTo("model APIs; unsupported content-encoding br2");
    assertThat(e.findings()).isEmpty();
  }

  @Test
  void aClientRejectingTheMintedCertificateIsAuditedWithItsAgent() {
    ConnectionFacts facts = new ConnectionFacts(11, "10.0.0.9", 5000, 0, System.nanoTime());
    facts.target(ConnectionFacts.Kind.TUNNEL, "api.anthropic.com", 443);
    facts.tls(true, "api.anthropic.com", List.of("http/1.1"), "ja3", "t13d_a_b");
    facts.lastDecision(
        new Decision(
            Action.CONTINUE,
            "look",
            "needs headers",
            null,
            null,
            List.of(),
            new Identification(
                "claude-code", List.of(), Confidence.HOST_TLS, List.of(), false, null, null)));

    observer.interceptionHandshakeFailed(facts, ClientTlsFailure.CERTIFICATE_REJECTED);

    AuditEvent e = recorded.get(0);
    assertThat(e.type()).isEqualTo(AuditEvent.Type.CLIENT_TLS);
    assertThat(e.agent()).isEqualTo("claude-code");
    assertThat(e.host()).isEqualTo("api.anthropic.com");
    assertThat(e.ja4()).isEqualTo("t13d_a_b");
    assertThat(e.phase()).isEqualTo(Phase.TLS);
    assertThat(e.action()).isNull();
    assertThat(e.reason()).contains("rejected the minted certificate");
  }
}
