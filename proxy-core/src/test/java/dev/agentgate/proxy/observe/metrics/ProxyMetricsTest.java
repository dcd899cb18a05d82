package dev.agentgate.proxy.observe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Phase;
import dev.agentgate.proxy.observe.ClientHelloOutcome;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {
  private static final List<String> AGENTS = List.of("claude-code", "codex", "cursor");

  private final MockClock clock = new MockClock();
  private final ProxyMetrics metrics = new ProxyMetrics(AGENTS, clock);

  ProxyMetricsTest() {
    metrics.bindNetty(ImmediateEventExecutor.INSTANCE, PooledByteBufAllocator.DEFAULT);
  }

  @AfterEach
  void close() {
    metrics.close();
  }

  private ScrapeText scrape() {
    return new ScrapeText(metrics.scrape());
  }

  @Test
  void everyMeterIsInTheScrapeWithHelpText() {
    metrics.onPolicyLoaded("v1", "abc123", List.of("allow-claude"));
    ScrapeText scrape = scrape();

    List<String> expected =
        List.of(
            "agentgate_build_info",
            "agentgate_connections_opened_total",
            "agentgate_connections_active",
            "agentgate_connection_duration_seconds",
            "agentgate_connection_duration_seconds_max",
            "agentgate_connection_transferred_bytes",
            "agentgate_tunnel_bytes_total",
            "agentgate_errors_total",
            "agentgate_decisions_total",
            "agentgate_blocks_total",
            "agentgate_rule_hits_total",
            "agentgate_rule_hits_unattributed_total",
            "agentgate_redaction_findings_total",
            "agentgate_inspected_body_bytes",
            "agentgate_proxy_latency_seconds",
            "agentgate_upstream_connect_duration_seconds",
            "agentgate_dns_resolution_duration_seconds",
            "agentgate_tls_client_hellos_total",
            "agentgate_tls_interception_handshakes_total",
            "agentgate_tls_interception_handshake_duration_seconds",
            "agentgate_certificate_mints_total",
            "agentgate_certificate_mint_duration_seconds",
            "agentgate_certificate_cache_entries",
            "agentgate_certificate_cache_lookups_total",
            "agentgate_audit_events_written_total",
            "agentgate_audit_events_dropped_total",
            "agentgate_policy_reloads_total",
            "agentgate_policy_info",
            "agentgate_policy_last_reload_success_timestamp_seconds",
            "agentgate_policy_rules",
            "agentgate_policy_last_reload_successful",
            "agentgate_netty_allocator_used_bytes",
            "agentgate_netty_allocator_pinned_bytes",
            "agentgate_netty_allocator_arenas",
            "agentgate_netty_direct_memory_max_bytes",
            "jvm_memory_used_bytes",
            "jvm_gc_live_data_size_bytes",
            "jvm_threads_live_threads",
            "jvm_classes_loaded_classes",
            "system_cpu_processors",
            "process_cpu_usage",
            "process_files_open_files");
    assertThat(scrape.type.keySet()).containsAll(expected);
    assertThat(scrape.type.keySet())
        .doesNotContain("system_cpu_count", "process_cpu_time_ns_total");
    assertThat(scrape.type.keySet())
        .allSatisfy(family -> assertThat(scrape.help.get(family)).as(family).isNotBlank());
    for (Meter meter : metrics.registry().getMeters()) {
      assertThat(meter.getId().getDescription()).as(meter.getId().getName()).isNotBlank();
    }
  }

  @Test
  void labelsAreBoundedVocabularies() {
    metrics.onPolicyLoaded("v1", "abc123", List.of("allow-claude"));
    Set<String> allowed =
        Set.of(
            "listener",
            "direction",
            "agent",
            "phase",
            "action",
            "reason",
            "detector",
            "kind",
            "outcome",
            "result",
            "rule",
            "mode",
            "source",
            "version",
            "hash",
            "allocator",
            "memory_type",
            "loop",
            "le");
    scrape()
        .labelNames
        .forEach(
            (name, labels) -> {
              if (name.startsWith("agentgate_")) {
                assertThat(allowed).as(name).containsAll(labels);
              }
            });
  }

  @Test
  void decisionsCountByPhaseActionAndAgent() {
    int codex = metrics.agentIndex("codex");
    metrics.decision(Phase.TLS, Action.BLOCK, codex);
    metrics.decision(Phase.TLS, Action.BLOCK, codex);
    metrics.decision(Phase.HTTP, Action.REDACT, metrics.agentIndex("claude-code"));

    ScrapeText scrape = scrape();
    String name = "agentgate_decisions_total";
    assertThat(scrape.value(name, "action", "block", "agent", "codex", "phase", "tls"))
        .isEqualTo(2.0);
    assertThat(scrape.value(name, "action", "redact", "agent", "claude-code", "phase", "http"))
        .isEqualTo(1.0);
    assertThat(scrape.value(name, "action", "block", "agent", "cursor", "phase", "tls"))
        .isEqualTo(0.0);
    assertThat(scrape.value(name, "action", "block", "agent", "codex", "phase", "connect"))
        .isEqualTo(0.0);
  }

  @Test
  void unknownAgentIdsAndBadIndexesCountAsUnknown() {
    assertThat(metrics.agentIndex("not-in-catalog")).isEqualTo(metrics.agentIndex(null));
    assertThat(metrics.agents().id(metrics.agentIndex("nope"))).isEqualTo("unknown");
    assertThat(metrics.agents().size()).isEqualTo(AGENTS.size() + 1);

    metrics.decision(Phase.CONNECT, Action.ALLOW, metrics.agentIndex("not-in-catalog"));
    metrics.decision(Phase.CONNECT, Action.ALLOW, 99);
    metrics.decision(Phase.CONNECT, Action.ALLOW, -1);
    metrics.tunnelBytes(Direction.UPSTREAM, 42, 10);

    ScrapeText scrape = scrape();
    assertThat(
            scrape.value(
                "agentgate_decisions_total",
                "action",
                "allow",
                "agent",
                "unknown",
                "phase",
                "connect"))
        .isEqualTo(3.0);
    assertThat(
            scrape.value(
                "agentgate_tunnel_bytes_total", "agent", "unknown", "direction", "upstream"))
        .isEqualTo(10.0);
    assertThat(scrape.hasSeries("agentgate_decisions_total", "agent", "not-in-catalog")).isFalse();
  }

  @Test
  void connectionsTrafficAndErrors() {
    metrics.connectionOpened(Listener.PROXY);
    metrics.connectionOpened(Listener.PROXY);
    metrics.connectionClosed(Listener.PROXY, TimeUnit.MILLISECONDS.toNanos(1500), 300, 5000);
    int cursor = metrics.agentIndex("cursor");
    metrics.tunnelBytes(Direction.DOWNSTREAM, cursor, 4096);
    metrics.tunnelBytes(Direction.DOWNSTREAM, cursor, 1024);
    metrics.error(ErrorKind.UPSTREAM_REFUSED);
    metrics.blocked(BlockReason.DESTINATION_GUARD);

    ScrapeText s = scrape();
    assertThat(s.value("agentgate_connections_opened_total", "listener", "proxy")).isEqualTo(2.0);
    assertThat(s.value("agentgate_connections_opened_total", "listener", "transparent"))
        .isEqualTo(0.0);
    assertThat(s.value("agentgate_connections_active", "listener", "proxy")).isEqualTo(1.0);
    assertThat(s.value("agentgate_connection_duration_seconds_sum", "listener", "proxy"))
        .isEqualTo(1.5);
    assertThat(s.value("agentgate_connection_transferred_bytes_sum", "direction", "downstream"))
        .isEqualTo(5000.0);
    assertThat(
            s.value(
                "agentgate_connection_transferred_bytes_bucket",
                "direction",
                "upstream",
                "le",
                "1024.0"))
        .isEqualTo(1.0);
    assertThat(
            s.value("agentgate_tunnel_bytes_total", "agent", "cursor", "direction", "downstream"))
        .isEqualTo(5120.0);
    assertThat(s.value("agentgate_tunnel_bytes_total", "agent", "cursor", "direction", "upstream"))
        .isEqualTo(0.0);
    assertThat(s.value("agentgate_errors_total", "kind", "upstream_refused")).isEqualTo(1.0);
    assertThat(s.value("agentgate_errors_total", "kind", "client_reset")).isEqualTo(0.0);
    assertThat(s.value("agentgate_blocks_total", "reason", "destination_guard")).isEqualTo(1.0);
    assertThat(s.value("agentgate_blocks_total", "reason", "policy")).isEqualTo(0.0);
  }

  @Test
  void timersRecordSecondsIntoTheirHistograms() {
    metrics.proxyLatency(TimeUnit.MICROSECONDS.toNanos(800));
    metrics.upstreamConnect(TimeUnit.MILLISECONDS.toNanos(40));
    metrics.dns(TimeUnit.MILLISECONDS.toNanos(2));
    metrics.dns(-5); // a clock going backwards is ignored, not recorded as a huge value

    ScrapeText s = scrape();
    assertThat(s.value("agentgate_proxy_latency_seconds_count")).isEqualTo(1.0);
    assertThat(s.value("agentgate_proxy_latency_seconds_bucket", "le", "0.001")).isEqualTo(1.0);
    assertThat(s.value("agentgate_upstream_connect_duration_seconds_bucket", "le", "0.01"))
        .isEqualTo(0.0);
    assertThat(s.value("agentgate_upstream_connect_duration_seconds_bucket", "le", "0.05"))
        .isEqualTo(1.0);
    assertThat(s.value("agentgate_dns_resolution_duration_seconds_count")).isEqualTo(1.0);
    assertThat(s.value("agentgate_dns_resolution_duration_seconds_sum")).isEqualTo(0.002);
  }

  @Test
  void tlsMeters() {
    metrics.clientHello(ClientHelloOutcome.PARSED);
    metrics.clientHello(ClientHelloOutcome.NOT_TLS);
    metrics.interceptionHandshake(
        TimeUnit.MILLISECONDS.toNanos(30),
        HandshakeResult.CERTIFICATE_REJECTED,
        metrics.agentIndex("codex"));
    metrics.interceptionHandshake(
        TimeUnit.MILLISECONDS.toNanos(20), HandshakeResult.SUCCESS, metrics.agentIndex("codex"));
    metrics.certificateMint(TimeUnit.MILLISECONDS.toNanos(7), true);
    metrics.certificateMint(TimeUnit.MILLISECONDS.toNanos(9), false);
    metrics.bindCertificateCache(new FixedCacheStats(12, 40, 3));

    ScrapeText s = scrape();
    assertThat(s.value("agentgate_tls_client_hellos_total", "outcome", "parsed")).isEqualTo(1.0);
    assertThat(s.value("agentgate_tls_client_hellos_total", "outcome", "not_tls")).isEqualTo(1.0);
    assertThat(s.value("agentgate_tls_client_hellos_total", "outcome", "malformed")).isEqualTo(0.0);
    assertThat(
            s.value(
                "agentgate_tls_interception_handshakes_total",
                "agent",
                "codex",
                "result",
                "certificate_rejected"))
        .isEqualTo(1.0);
    assertThat(s.value("agentgate_tls_interception_handshake_duration_seconds_count"))
        .isEqualTo(1.0);
    assertThat(s.value("agentgate_certificate_mints_total", "result", "success")).isEqualTo(1.0);
    assertThat(s.value("agentgate_certificate_mints_total", "result", "failure")).isEqualTo(1.0);
    assertThat(s.value("agentgate_certificate_mint_duration_seconds_sum")).isEqualTo(0.007);
    assertThat(s.value("agentgate_certificate_cache_entries")).isEqualTo(12.0);
    assertThat(s.value("agentgate_certificate_cache_lookups_total", "result", "hit"))
        .isEqualTo(40.0);
    assertThat(s.value("agentgate_certificate_cache_lookups_total", "result", "miss"))
        .isEqualTo(3.0);
  }

  @Test
  void redactionFindingsByCatalogDetectorOrCustom() {
    metrics.redactionFinding("aws-access-key");
    metrics.redactionFindings("github-token", 3);
    metrics.redactionFinding("acme-internal-marker");
    metrics.redactionFinding(null);
    metrics.inspectedBody(20_000);

    ScrapeText s = scrape();
    String name = "agentgate_redaction_findings_total";
    assertThat(s.value(name, "detector", "aws-access-key")).isEqualTo(1.0);
    assertThat(s.value(name, "detector", "github-token")).isEqualTo(3.0);
    assertThat(s.value(name, "detector", "custom")).isEqualTo(2.0);
    assertThat(s.value(name, "detector", "jwt")).isEqualTo(0.0);
    assertThat(s.hasSeries(name, "detector", "acme-internal-marker")).isFalse();
    assertThat(s.value("agentgate_inspected_body_bytes_bucket", "le", "65536.0")).isEqualTo(1.0);
  }

  @Test
  void auditCountsComeFromTheBoundWriter() {
    assertThat(scrape().value("agentgate_audit_events_dropped_total")).isEqualTo(0.0);
    metrics.bindAudit(new FixedAuditStats(120, 4));
    ScrapeText s = scrape();
    assertThat(s.value("agentgate_audit_events_written_total")).isEqualTo(120.0);
    assertThat(s.value("agentgate_audit_events_dropped_total")).isEqualTo(4.0);
  }

  private record FixedCacheStats(long entries, long hits, long misses)
      implements CertificateCacheStats {}

  private record FixedAuditStats(long written, long dropped) implements AuditStats {}
}
