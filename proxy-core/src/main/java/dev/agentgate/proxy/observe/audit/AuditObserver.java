package dev.agentgate.proxy.observe.audit;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Identification;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ConnectionObserver;
import dev.agentgate.proxy.observe.Redaction;
import dev.agentgate.proxy.tls.ClientTlsFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes the audit log from what the proxy reports: one event per decision acted on (the policy's
 * and the proxy's own {@code builtin:} ones; a {@code redact} decision with its findings), one per
 * failed interception handshake and one per closed connection. Runs on event loops: it copies plain
 * values into an event and hands it to the sink, which never blocks.
 */
public final class AuditObserver implements ConnectionObserver {

  private final AuditSink sink;
  private final Supplier<String> policyVersion;
  private final Clock clock;

  /**
   * @param policyVersion the version of the policy in force, read for every decision
   */
  public AuditObserver(AuditSink sink, Supplier<String> policyVersion, Clock clock) {
    this.sink = sink;
    this.policyVersion = policyVersion;
    this.clock = clock;
  }

  @Override
  public void decided(ConnectionFacts connection, EgressRequest request, Decision decision) {
    sink.record(decisionEvent(connection, request, decision).build());
  }

  /** The decision event of a {@code redact} decision, with the outcome and the findings. */
  @Override
  public void redacted(
      ConnectionFacts connection, EgressRequest request, Decision decision, Redaction redaction) {
    AuditEventBuilder event = decisionEvent(connection, request, decision);
    event
        .redaction(redaction.outcome().name().toLowerCase(Locale.ROOT))
        .findings(
            redaction.findings().stream()
                .map(f -> new AuditFinding(f.detector(), f.path(), f.count(), f.hash()))
                .toList());
    if (redaction.reason() != null) {
      event.decision(
          request.phase(),
          decision.action(),
          decision.ruleId(),
          decision.reason() + "; " + redaction.reason());
    }
    sink.record(event.build());
  }

  /**
   * A client that failed the handshake under a minted certificate, with the agent the TLS phase
   * identified: a certificate rejection means the agent does not trust the CA or pins.
   */
  @Override
  public void interceptionHandshakeFailed(ConnectionFacts connection, ClientTlsFailure failure) {
    Identification agent =
        connection.lastDecision() == null
            ? Identification.UNKNOWN
            : connection.lastDecision().agent();
    AuditEventBuilder event =
        AuditEvent.clientTls(Instant.now(clock))
            .connection(Long.toString(connection.id()))
            .client(client(connection), connection.user(), connection.groups())
            .tls(connection.sni(), connection.alpn(), connection.ja3(), connection.ja4())
            .agent(
                agent.agentOrUnknown(),
                agent.confidence(),
                AuditEvents.safeEvidence(agent.evidence()))
            .decision(Phase.TLS, null, null, failure.description())
            .policyVersion(policyVersion.get());
    if (connection.targetHost() != null) {
      event.destination(
          connection.targetHost(), connection.targetPort(), connection.upstreamAddress());
    }
    sink.record(event.build());
  }

  private AuditEventBuilder decisionEvent(
      ConnectionFacts connection, EgressRequest request, Decision decision) {
    AuditEventBuilder event =
        AuditEvents.decision(
            Instant.now(clock),
            Long.toString(connection.id()),
            request,
            decision,
            policyVersion.get(),
            // Report-mode rules never decide; when some matched, the event says what they would
            // have done.
            !decision.reports().isEmpty());
    // The connection knows the client's port, the identity (also for the proxy's own refusals,
    // whose requests carry less) and where the proxy actually connected.
    return event
        .client(client(connection), connection.user(), connection.groups())
        .resolved(connection.upstreamAddress());
  }

  @Override
  public void closed(ConnectionFacts connection) {
    Identification agent =
        connection.lastDecision() == null
            ? Identification.UNKNOWN
            : connection.lastDecision().agent();
    AuditEventBuilder event =
        AuditEvent.close(Instant.now(clock))
            .connection(Long.toString(connection.id()))
            .client(client(connection), connection.user(), connection.groups())
            .tls(connection.sni(), connection.alpn(), connection.ja3(), connection.ja4())
            .agent(
                agent.agentOrUnknown(),
                agent.confidence(),
                AuditEvents.safeEvidence(agent.evidence()))
            .traffic(
                connection.bytesFromClient(),
                connection.bytesToClient(),
                TimeUnit.NANOSECONDS.toMillis(connection.durationNanos()));
    if (connection.targetHost() != null) {
      event.destination(
          connection.targetHost(), connection.targetPort(), connection.upstreamAddress());
    }
    sink.record(event.build());
  }

  private static String client(ConnectionFacts connection) {
    String address = connection.clientAddress();
    return address.indexOf(':') >= 0
        ? "[" + address + "]:" + connection.clientPort()
        : address + ":" + connection.clientPort();
  }
}
