package dev.agentgate.proxy.observe.metrics.bench;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Confidence;
import dev.agentgate.policy.agents.Identification;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.metrics.Direction;
import dev.agentgate.proxy.observe.metrics.MetricsObserver;
import dev.agentgate.proxy.observe.metrics.ProxyMetrics;
import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The metric calls one proxied request makes (a decision, tunnel bytes, the latency timer; the
 * "full" variants add the rule hit and the other direction's bytes), through {@link ProxyMetrics}
 * versus the naive way: look the meter up in the registry by name and tags on every call (in a
 * registry with Micrometer's defaults: system clock, pause detector).
 *
 * <p>{@code mvn -o -q -B install -DskipTests}, then {@code mvn -o -q -Pbench -pl proxy-core
 * test-compile exec:exec -Djmh.include=ProxyMetricsBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProxyMetricsBenchmark {
  private static final List<String> AGENTS =
      List.of("claude-code", "codex", "copilot", "cursor", "gemini-cli", "qoder", "aider");

  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofNanos(50_000),
    Duration.ofNanos(100_000),
    Duration.ofNanos(250_000),
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofNanos(2_500_000),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1)
  };

  private ProxyMetrics metrics;
  private MetricsObserver observer;
  private ConnectionFacts connection;
  private EgressRequest connectRequest;
  private Decision[] decisions;
  private PrometheusMeterRegistry naive;
  private int[] agentIndexes;
  private int next;

  @Setup
  public void setUp() {
    metrics = new ProxyMetrics(AGENTS);
    metrics.onPolicyLoaded("1", "h", List.of("block-banned", "allow-model-apis", "redact-all"));
    agentIndexes = AGENTS.stream().mapToInt(metrics::agentIndex).toArray();
    observer = new MetricsObserver(metrics);
    connection = new ConnectionFacts(1, "127.0.0.1", 40000, 0, 0);
    connectRequest = EgressRequest.builder(Phase.CONNECT, "api.example.test", 443).build();
    List<Decision.ReportedMatch> report =
        List.of(new Decision.ReportedMatch("redact-all", Action.REDACT, "would redact"));
    decisions =
        AGENTS.stream()
            .map(
                id ->
                    new Decision(
                        Action.ALLOW,
                        "allow-model-apis",
                        "allowed",
                        null,
                        null,
                        report,
                        new Identification(
                            id, List.of(), Confidence.HOST, List.of(), false, null, null)))
            .toArray(Decision[]::new);
    naive =
        new PrometheusMeterRegistry(
            PrometheusConfig.DEFAULT, new PrometheusRegistry(), Clock.SYSTEM);
  }

  @TearDown
  public void tearDown() {
    metrics.close();
    naive.close();
  }

  /** Cycles through agents so no call site sees one constant meter. */
  private int nextAgent() {
    next = next + 1 == AGENTS.size() ? 0 : next + 1;
    return next;
  }

  @Benchmark
  public void proxyMetrics() {
    int agent = agentIndexes[nextAgent()];
    metrics.decision(Phase.TLS, Action.ALLOW, agent);
    metrics.tunnelBytes(Direction.UPSTREAM, agent, 1460);
    metrics.proxyLatency(180_000);
  }

  @Benchmark
  public void proxyMetricsFull() {
    int agent = agentIndexes[nextAgent()];
    metrics.decision(Phase.TLS, Action.ALLOW, agent);
    metrics.ruleHit("allow-model-apis", false);
    metrics.tunnelBytes(Direction.UPSTREAM, agent, 1460);
    metrics.tunnelBytes(Direction.DOWNSTREAM, agent, 16384);
    metrics.proxyLatency(180_000);
  }

  /** The parts of {@link #proxyMetrics()}, to see where the time goes. */
  @Benchmark
  public void partDecision() {
    metrics.decision(Phase.TLS, Action.ALLOW, agentIndexes[nextAgent()]);
  }

  @Benchmark
  public void partTunnelBytes() {
    metrics.tunnelBytes(Direction.UPSTREAM, agentIndexes[nextAgent()], 1460);
  }

  @Benchmark
  public void partLatencyTimer() {
    metrics.proxyLatency(180_000 + nextAgent());
  }

  /**
   * What the pipeline's observer calls cost for one plain-HTTP request on a kept connection (a
   * CONNECT-phase decision naming an agent with one report-mode match, a read, a write, the latency
   * timer), through {@link MetricsObserver}: agent and rule id each one hash lookup.
   */
  @Benchmark
  public void observerPerRequest() {
    Decision decision = decisions[nextAgent()];
    observer.decided(connection, connectRequest, decision);
    observer.bytesFromClient(connection, 1460);
    observer.bytesToClient(connection, 16384);
    observer.forwarded(connection, 180_000);
  }

  @Benchmark
  public void naiveLookupByTags() {
    String agent = AGENTS.get(nextAgent());
    naive
        .counter("agentgate.decisions", "phase", "tls", "action", "allow", "agent", agent)
        .increment();
    naive
        .counter("agentgate.tunnel.bytes", "direction", "upstream", "agent", agent)
        .increment(1460);
    naiveTimer().record(180_000, TimeUnit.NANOSECONDS);
  }

  @Benchmark
  public void naiveLookupByTagsFull() {
    String agent = AGENTS.get(nextAgent());
    naive
        .counter("agentgate.decisions", "phase", "tls", "action", "allow", "agent", agent)
        .increment();
    naive.counter("agentgate.rule.hits", "rule", "allow-model-apis", "mode", "enforce").increment();
    naive
        .counter("agentgate.tunnel.bytes", "direction", "upstream", "agent", agent)
        .increment(1460);
    naive
        .counter("agentgate.tunnel.bytes", "direction", "downstream", "agent", agent)
        .increment(16384);
    naiveTimer().record(180_000, TimeUnit.NANOSECONDS);
  }

  /** The same bucket bounds as the real timer, looked up by name each call. */
  private io.micrometer.core.instrument.Timer naiveTimer() {
    return io.micrometer.core.instrument.Timer.builder("agentgate.proxy.latency")
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(naive);
  }
}
