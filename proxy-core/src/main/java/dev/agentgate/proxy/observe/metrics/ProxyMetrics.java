package dev.agentgate.proxy.observe.metrics;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.lang.CompiledPolicy;
import dev.agentgate.proxy.observe.ClientHelloOutcome;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutorGroup;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Collection;
import java.util.List;

/**
 * Every agentgate meter, created once here (per-rule meters once per policy version), recorded
 * through typed methods that only index arrays: no registry lookup, tag or allocation per call, so
 * the event loops can call them on every request. Thread-safe: meters are lock-free adders.
 *
 * <p>Agent-labelled methods take an agent index from {@link #agentIndex(String)} (resolve once per
 * identification, not per call); an index out of range counts as "unknown". The registry is this
 * object's own, never Micrometer's global one; {@link #scrape()} renders it for {@code /metrics}.
 */
public final class ProxyMetrics implements AutoCloseable {
  /** The content type of {@link #scrape()}: the Prometheus text exposition format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Clock clock;
  private final PrometheusMeterRegistry registry;
  private final MeterFactory meters;
  private final AgentIndex agents;
  private final ConnectionMeters connections;
  private final DecisionMeters decisions;
  private final LatencyMeters latency;
  private final TlsMeters tls;
  private final PolicyMeters policy;
  private final AuditMeters audit;
  private final RuntimeMeters runtime;

  /** Meters for the given catalog agent ids (plus "unknown"), on a cheap ticking clock. */
  public ProxyMetrics(Collection<String> agentIds) {
    this(agentIds, new TickingClock());
  }

  /**
   * @param agentIds the catalog's agent ids: the only values of the {@code agent} label besides
   *     "unknown"
   * @param clock wall clock for timestamps and timer windows (a mock in tests)
   */
  public ProxyMetrics(Collection<String> agentIds, Clock clock) {
    this.clock = clock;
    registry =
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
    // Micrometer's default pause detector corrects timers for coordinated omission with a
    // background thread and extra work on every record(); the proxy's timers measure its own
    // event-loop work, where that correction buys nothing and costs on the hot path.
    registry.config().pauseDetector(new NoPauseDetector());
    RuntimeMeters.configureFilters(registry);
    meters = new MeterFactory(registry);
    agents = new AgentIndex(agentIds);
    connections = new ConnectionMeters(meters, agents);
    decisions = new DecisionMeters(meters, agents);
    latency = new LatencyMeters(meters);
    tls = new TlsMeters(meters, agents);
    policy = new PolicyMeters(meters, clock);
    audit = new AuditMeters(meters);
    runtime = new RuntimeMeters(meters);
    String version = ProxyMetrics.class.getPackage().getImplementationVersion();
    Gauge.builder("agentgate.build.info", () -> 1)
        .description("Always 1, labelled with the agentgate version.")
        .tags("version", version == null ? "dev" : version)
        .strongReference(true)
        .register(registry);
  }

  // ---- identities

  /** The index to record {@code agentId} under; null and ids not in the catalog give "unknown". */
  public int agentIndex(String agentId) {
    return agents.indexOf(agentId);
  }

  /** The agent label values, fixed at start-up. */
  public AgentIndex agents() {
    return agents;
  }

  // ---- connections and traffic

  public void connectionOpened(Listener listener) {
    connections.opened(listener);
  }

  /** A client connection closed after {@code durationNanos}, having carried these bytes. */
  public void connectionClosed(
      Listener listener, long durationNanos, long bytesUpstream, long bytesDownstream) {
    connections.closed(listener, durationNanos, bytesUpstream, bytesDownstream);
  }

  /** {@code n} bytes relayed in {@code direction} for the agent at {@code agentIndex}. */
  public void tunnelBytes(Direction direction, int agentIndex, long n) {
    connections.tunnelBytes(direction, agentIndex, n);
  }

  public void error(ErrorKind kind) {
    connections.error(kind);
  }

  // ---- decisions

  /** A decision the proxy acted on (CONTINUE included: it is counted per phase). */
  public void decision(Phase phase, Action action, int agentIndex) {
    decisions.decision(phase, action, agentIndex);
  }

  /**
   * A hit of the rule at {@code ruleIndex} in the list last passed to {@link #onPolicyLoaded};
   * {@code report} for a report-mode match. An index out of range counts as unattributed.
   */
  public void ruleHit(int ruleIndex, boolean report) {
    policy.ruleHit(ruleIndex, report);
  }

  /** A hit of the rule {@code ruleId} of the live policy (one hash lookup). */
  public void ruleHit(String ruleId, boolean report) {
    policy.ruleHit(ruleId, report);
  }

  /** The index of {@code ruleId} in the live policy's rule meters, or -1. */
  public int ruleIndex(String ruleId) {
    return policy.ruleIndex(ruleId);
  }

  /**
   * The shadow policy disagreed with a decision of the live rule {@code liveRuleId} (one hash
   * lookup, no allocation); an id not in the live policy counts under rule "_unattributed".
   */
  public void shadowDisagreement(String liveRuleId) {
    policy.shadowDisagreement(liveRuleId);
  }

  public void blocked(BlockReason reason) {
    decisions.blocked(reason);
  }

  /** One finding of {@code detector}; names outside the built-in catalog count as "custom". */
  public void redactionFinding(String detector) {
    decisions.redactionFindings(detector, 1);
  }

  /** {@code count} findings of {@code detector} in one request. */
  public void redactionFindings(String detector, int count) {
    decisions.redactionFindings(detector, count);
  }

  /** The size of a request body decoded and inspected for redaction. */
  public void inspectedBody(long bytes) {
    decisions.inspectedBody(bytes);
  }

  // ---- latency

  public void proxyLatency(long nanos) {
    latency.proxyLatency(nanos);
  }

  public void upstreamConnect(long nanos) {
    latency.upstreamConnect(nanos);
  }

  public void dns(long nanos) {
    latency.dns(nanos);
  }

  // ---- TLS

  public void clientHello(ClientHelloOutcome outcome) {
    tls.clientHello(outcome);
  }

  /** A client handshake under a minted certificate; only successes are timed. */
  public void interceptionHandshake(long nanos, HandshakeResult result, int agentIndex) {
    tls.interceptionHandshake(nanos, result, agentIndex);
  }

  /** A certificate mint that took {@code nanos}; only successes are timed. */
  public void certificateMint(long nanos, boolean ok) {
    tls.certificateMint(nanos, ok);
  }

  // ---- policy

  public void policyReload(ReloadSource source, ReloadResult result) {
    policy.reload(source, result);
  }

  /**
   * A new policy is live: replaces the info series and the per-rule meters (ids that stay keep
   * their counts; the series of rules that are gone are removed). Call from the reload thread.
   *
   * @param ruleIds the policy's rule ids in order; "default" is added when missing
   */
  public void onPolicyLoaded(String version, String hash, List<String> ruleIds) {
    policy.loaded(version, hash, ruleIds);
  }

  /**
   * {@code policy} went live, loaded from {@code source}: counts a successful load and swaps the
   * info series and per-rule meters ({@link #onPolicyLoaded}). The hook for whoever swaps policies
   * (start-up, the policy store's reloads, rollbacks); failed loads call {@link #policyReload}.
   */
  public void policyLoaded(ReloadSource source, CompiledPolicy policy) {
    onPolicyLoaded(policy.version(), policy.contentHash(), policy.ruleIds());
    policyReload(source, ReloadResult.SUCCESS);
  }

  // ---- components that report their own counts (bind once at start-up)

  public void bindCertificateCache(CertificateCacheStats stats) {
    tls.bindCertificateCache(stats);
  }

  public void bindAudit(AuditStats stats) {
    audit.bind(stats);
  }

  /**
   * Backlog gauges for each event loop of {@code group} and memory gauges of {@code allocator}, the
   * one the proxy's channels use; the server calls this once, at start-up.
   */
  public void bindNetty(EventExecutorGroup group, ByteBufAllocator allocator) {
    RuntimeMeters.bindEventLoops(meters, group);
    RuntimeMeters.bindAllocator(meters, allocator);
  }

  // ---- exposition

  /** The Prometheus text exposition of every meter ({@link #CONTENT_TYPE}). */
  public String scrape() {
    return registry.scrape();
  }

  /** The registry, for tests and benchmarks in this module; production code records via methods. */
  MeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    runtime.close();
    registry.close();
    if (clock instanceof TickingClock ticking) {
      ticking.close();
    }
  }
}
