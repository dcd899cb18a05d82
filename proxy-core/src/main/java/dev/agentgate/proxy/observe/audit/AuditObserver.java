package dev.agentgate.proxy.observe.audit;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.agents.Identification;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ConnectionObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes the audit log from what the proxy reports: one event per decision acted on (the policy's
 * and the proxy's own {@code builtin:} ones) and one per closed connection. Runs on event loops: it
 * copies plain values into an event and hands it to the sink, which never blocks.
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
    event
        .client(client(connection), connection.user(), connection.groups())
        .resolved(connection.upstreamAddress());
    sink.record(event.build());
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
