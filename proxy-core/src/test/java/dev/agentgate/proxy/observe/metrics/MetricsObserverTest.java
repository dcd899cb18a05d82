package dev.agentgate.proxy.observe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Confidence;
import dev.agentgate.policy.agents.Identification;
import dev.agentgate.policy.redact.Finding;
import dev.agentgate.proxy.observe.ClientHelloOutcome;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ProxyError;
import dev.agentgate.proxy.observe.Redaction;
import dev.agentgate.proxy.tls.ClientTlsFailure;
import io.micrometer.core.instrument.MockClock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsObserverTest {
  private final ProxyMetrics metrics =
      new ProxyMetrics(List.of("claude-code", "codex"), new MockClock());
  private final MetricsObserver observer = new MetricsObserver(metrics);
  private final ConnectionFacts connection = new ConnectionFacts(1, "127.0.0.1", 5000, 0, 0);

  MetricsObserverTest() {
    metrics.onPolicyLoaded("v1", "h1", List.of("allow-claude", "watch-codex", "block-all"));
  }

  @AfterEach
  void close() {
    metrics.close();
  }

  private static EgressRequest request(Phase phase) {
    return EgressRequest.builder(phase, "api.example.test", 443).build();
  }

  private static Identification agent(String id) {
    return new Identification(id, List.of(), Confidence.HOST_TLS, List.of(), false, null, null);
  }

  private static Decision decision(
      Action action, String ruleId, Identification agent, Decision.ReportedMatch... reports) {
    return new Decision(action, ruleId, "test", null, null, List.of(reports), agent);
  }

  private ScrapeText scrape() {
    return new ScrapeText(metrics.scrape());
  }

  @Test
  void decisionsCountByPhaseActionAndTheIdentifiedAgent() {
    observer.decided(
        connection, request(Phase.CONNECT), decision(Action.CONTINUE, "allow-claude", null));
    observer.decided(
        connection,
        request(Phase.TLS),
        decision(Action.ALLOW, "allow-claude", agent("claude-code")));

    ScrapeText s = scrape();
    String name = "agentgate_decisions_total";
    assertThat(s.value(name, "action", "continue", "agent", "unknown", "phase", "connect"))
        .isEqualTo(1.0);
    assertThat(s.value(name, "action", "allow", "agent", "claude-code", "phase", "tls"))
        .isEqualTo(1.0);
    assertThat(s.value(name, "action", "allow", "agent", "unknown", "phase", "tls")).isZero();
  }

  @Test
  void aRefusalByTheProxyCountsForTheAgentIdentifiedBefore() {
    observer.decided(
        connection, request(Phase.TLS), decision(Action.CONTINUE, "watch-codex", agent("codex")));
    observer.decided(
        connection, request(Phase.TLS), decision(Action.BLOCK, "builtin:interception", null));
    observer.bytesFromClient(connection, 517);
    observer.bytesToClient(connection, 7);

    ScrapeText s = scrape();
    assertThat(
            s.value(
                "agentgate_decisions_total", "action", "block", "agent", "codex", "phase", "tls"))
        .isEqualTo(1.0);
    assertThat(s.value("agentgate_blocks_total", "reason", "interception_unavailable"))
        .isEqualTo(1.0);
    assertThat(s.value("agentgate_tunnel_bytes_total", "agent", "codex", "direction", "upstream"))
        .isEqualTo(517.0);
    assertThat(s.value("agentgate_tunnel_bytes_total", "agent", "codex", "direction", "downstream"))
        .isEqualTo(7.0);
    assertThat(s.value("agentgate_rule_hits_unattributed_total"))
        .as("builtin rule ids are not rules of the policy")
        .isZero();
  }

  /** As the pipeline reports a read: the facts' total first, then the observer. */
  private void read(long n) {
    connection.addBytesFromClient(n);
    observer.bytesFromClient(connection, n);
  }

  private void write(long n) {
    connection.addBytesToClient(n);
    observer.bytesToClient(connection, n);
  }

  private double bytes(String agent, String direction) {
    return scrape().value("agentgate_tunnel_bytes_total", "agent", agent, "direction", direction);
  }

  @Test
  void bytesBeforeTheAgentIsKnownCountForTheAgentIdentifiedLater() {
    read(120); // the CONNECT head
    observer.decided(
        connection, request(Phase.CONNECT), decision(Action.CONTINUE, "allow-claude", null));
    write(39); // 200 Connection Established
    read(517); // the ClientHello
    assertThat(bytes("unknown", "upstream")).isZero();

    observer.decided(
        connection,
        request(Phase.TLS),
        decision(Action.ALLOW, "allow-claude", agent("claude-code")));
    read(1000);
    write(5000);

    assertThat(bytes("claude-code", "upstream")).isEqualTo(1637.0);
    assertThat(bytes("claude-code", "downstream")).isEqualTo(5039.0);
    assertThat(bytes("unknown", "upstream")).isZero();
    observer.closed(connection);
    assertThat(bytes("claude-code", "upstream")).as("nothing counted twice").isEqualTo(1637.0);
  }

  @Test
  void withoutAnAgentTheFinalDecisionSettlesOnUnknown() {
    read(80);
    observer.decided(connection, request(Phase.CONNECT), decision(Action.ALLOW, "default", null));
    read(20);
    assertThat(bytes("unknown", "upstream")).isEqualTo(100.0);
  }

  @Test
  void bytesOfAConnectionThatNeverGotADecisionCountAsUnknownAtClose() {
    read(7);
    write(50); // 400 Bad Request
    assertThat(bytes("unknown", "upstream")).isZero();
    observer.closed(connection);
    assertThat(bytes("unknown", "upstream")).isEqualTo(7.0);
    assertThat(bytes("unknown", "downstream")).isEqualTo(50.0);
  }

  @Test
  void ruleHitsAndReportModeMatchesCountOnceAtTheFinalDecision() {
    Decision.ReportedMatch watch =
        new Decision.ReportedMatch("watch-codex", Action.BLOCK, "would block");
    observer.decided(
        connection, request(Phase.CONNECT), decision(Action.CONTINUE, "block-all", null, watch));
    observer.decided(
        connection, request(Phase.TLS), decision(Action.BLOCK, "block-all", agent("codex"), watch));

    ScrapeText s = scrape();
    String hits = "agentgate_rule_hits_total";
    assertThat(s.value(hits, "mode", "enforce", "rule", "block-all")).isEqualTo(1.0);
    assertThat(s.value(hits, "mode", "report", "rule", "watch-codex")).isEqualTo(1.0);
    assertThat(s.value(hits, "mode", "enforce", "rule", "watch-codex")).isZero();
    assertThat(s.value("agentgate_blocks_total", "reason", "policy")).isEqualTo(1.0);
  }

  @Test
  void theProxysOwnRefusalsCountByReason() {
    for (String rule :
        List.of(
            "builtin:destination-guard",
            "builtin:connect-port",
            "builtin:client-hello",
            "builtin:policy-error",
            "builtin:something-new")) {
      observer.decided(connection, request(Phase.CONNECT), decision(Action.BLOCK, rule, null));
    }

    ScrapeText s = scrape();
    assertThat(s.value("agentgate_blocks_total", "reason", "destination_guard")).isEqualTo(1.0);
    assertThat(s.value("agentgate_blocks_total", "reason", "connect_port")).isEqualTo(1.0);
    assertThat(s.value("agentgate_blocks_total", "reason", "malformed_request")).isEqualTo(1.0);
    assertThat(s.value("agentgate_blocks_total", "reason", "policy_error")).isEqualTo(1.0);
    assertThat(s.value("agentgate_blocks_total", "reason", "other")).isEqualTo(1.0);
    assertThat(s.value("agentgate_blocks_total", "reason", "policy")).isZero();
  }

  @Test
  void pipelineErrorsBecomeErrorKindsOrBlocks() {
    observer.error(connection, ProxyError.IO);
    observer.error(connection, ProxyError.UPSTREAM_CONNECT_REFUSED);
    observer.error(connection, ProxyError.UPSTREAM_CONNECT_TIMEOUT);
    observer.error(connection, ProxyError.HEAD_TIMEOUT);
    observer.error(connection, ProxyError.POLICY_FAILURE);
    observer.error(connection, ProxyError.BAD_REQUEST);
    observer.error(connection, ProxyError.TOO_MANY_CONNECTIONS);
    observer.error(connection, ProxyError.MALFORMED_CLIENT_HELLO);

    ScrapeText s = scrape();
    String errors = "agentgate_errors_total";
    assertThat(s.value(errors, "kind", "client_reset")).isEqualTo(1.0);
    assertThat(s.value(errors, "kind", "upstream_refused")).isEqualTo(1.0);
    assertThat(s.value(errors, "kind", "upstream_timeout")).isEqualTo(1.0);
    assertThat(s.value(errors, "kind", "client_timeout")).isEqualTo(1.0);
    assertThat(s.value(errors, "kind", "internal")).isEqualTo(1.0);
    assertThat(s.value("agentgate_blocks_total", "reason", "malformed_request")).isEqualTo(1.0);
    assertThat(s.value("agentgate_blocks_total", "reason", "limit")).isEqualTo(1.0);
    double allErrors =
        s.samples.entrySet().stream()
            .filter(e -> e.getKey().startsWith(errors + "{"))
            .mapToDouble(e -> e.getValue())
            .sum();
    assertThat(allErrors).as("client mistakes are refusals, not errors").isEqualTo(5.0);
  }

  @Test
  void everyPipelineErrorIsCountedSomewhereExceptTheOnesCountedElsewhere() {
    for (ProxyError e : ProxyError.values()) {
      boolean counted =
          MetricsObserver.errorKind(e) != null || MetricsObserver.blockReason(e) != null;
      assertThat(counted)
          .as(e.name())
          .isEqualTo(e != ProxyError.MALFORMED_CLIENT_HELLO); // a block decision and an outcome
    }
  }

  @Test
  void connectionsHelloOutcomesAndLatency() {
    observer.opened(connection);
    observer.clientHello(connection, ClientHelloOutcome.PARSED);
    observer.forwarded(connection, TimeUnit.MICROSECONDS.toNanos(300));
    connection.addBytesFromClient(1000);
    connection.addBytesToClient(20_000);
    connection.markClosed(TimeUnit.SECONDS.toNanos(2));
    ScrapeText open = scrape();
    assertThat(open.value("agentgate_connections_opened_total", "listener", "proxy"))
        .isEqualTo(1.0);
    assertThat(open.value("agentgate_connections_active", "listener", "proxy")).isEqualTo(1.0);

    observer.closed(connection);

    ScrapeText s = scrape();
    assertThat(s.value("agentgate_connections_active", "listener", "proxy")).isZero();
    assertThat(s.value("agentgate_connection_duration_seconds_sum", "listener", "proxy"))
        .isEqualTo(2.0);
    assertThat(s.value("agentgate_connection_transferred_bytes_sum", "direction", "downstream"))
        .isEqualTo(20_000.0);
    assertThat(s.value("agentgate_tls_client_hellos_total", "outcome", "parsed")).isEqualTo(1.0);
    assertThat(s.value("agentgate_proxy_latency_seconds_bucket", "le", "2.5E-4")).isZero();
    assertThat(s.value("agentgate_proxy_latency_seconds_bucket", "le", "5.0E-4")).isEqualTo(1.0);
  }

  @Test
  void redactionsCountTheDecisionFindingsBodySizeAndRefusals() {
    Decision redact =
        new Decision(Action.REDACT, "allow-claude", "t", null, "secrets", List.of(), null);
    observer.redacted(
        connection,
        request(Phase.HTTP),
        redact,
        new Redaction(
            Redaction.Outcome.REDACTED,
            List.of(
                new Finding("aws-access-key", "$.a", 2, "000000000000"),
                new Finding("acme-employee-id", "$.b", 1, "111111111111")),
            null,
            5000));
    observer.redacted(
        connection,
        request(Phase.HTTP),
        redact,
        Redaction.of(Redaction.Outcome.UNINSPECTABLE_REFUSED, "too large"));

    ScrapeText s = scrape();
    assertThat(s.value("agentgate_redaction_findings_total", "detector", "aws-access-key"))
        .isEqualTo(2.0);
    assertThat(s.value("agentgate_redaction_findings_total", "detector", "custom")).isEqualTo(1.0);
    assertThat(
            s.value(
                "agentgate_decisions_total",
                "action",
                "redact",
                "agent",
                "unknown",
                "phase",
                "http"))
        .isEqualTo(2.0);
    assertThat(s.value("agentgate_blocks_total", "reason", "uninspectable")).isEqualTo(1.0);
    assertThat(s.value("agentgate_inspected_body_bytes_count")).isEqualTo(1.0);
  }

  @Test
  void interceptionHandshakesCountByResultAndAgent() {
    connection.metricsAgent(metrics.agentIndex("codex"));

    observer.interceptionHandshake(connection, TimeUnit.MILLISECONDS.toNanos(3));
    observer.interceptionHandshakeFailed(connection, ClientTlsFailure.CERTIFICATE_REJECTED);
    observer.interceptionHandshakeFailed(connection, ClientTlsFailure.TIMED_OUT);

    ScrapeText s = scrape();
    String name = "agentgate_tls_interception_handshakes_total";
    assertThat(s.value(name, "agent", "codex", "result", "success")).isEqualTo(1.0);
    assertThat(s.value(name, "agent", "codex", "result", "certificate_rejected")).isEqualTo(1.0);
    assertThat(s.value(name, "agent", "codex", "result", "failure")).isEqualTo(1.0);
  }
}
