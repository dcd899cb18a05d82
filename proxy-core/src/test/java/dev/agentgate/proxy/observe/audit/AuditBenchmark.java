package dev.agentgate.proxy.observe.audit;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Confidence;
import dev.agentgate.policy.agents.Identification;
import dev.agentgate.proxy.observe.ConnectionFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The audit log's cost per decision event, split where the threads split it: {@code observe} is the
 * event loop's share ({@link AuditObserver#decided} building the event), {@code append} the
 * writer's (encode, chain hash, buffered write, one flush per 64 lines), and the {@code paced} pair
 * the event loop's share with the real {@link AuditLog} and its writer thread, at a request rate
 * the writer keeps up with ({@code pacedRecord} minus {@code pacedBaseline} is what handing an
 * event over costs, thread wake-ups included).
 *
 * <p>{@code mvn -o -q -B install -DskipTests}, then {@code mvn -o -q -Pbench -pl proxy-core
 * test-compile exec:exec -Djmh.include=AuditBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AuditBenchmark {

  // About one request's worth of proxy work between two events.
  private static final long PACE_TOKENS = 2_000;

  private Path dir;
  private AuditLog log;
  private AuditObserver logObserver;
  private AuditObserver observer;
  private AuditFileWriter writer;
  private AuditEvent event;
  private ConnectionFacts facts;
  private EgressRequest request;
  private Decision decision;
  private AuditEvent last;
  private int lines;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("audit-bench");
    facts = new ConnectionFacts(7, "10.20.1.2", 40000, 0, System.nanoTime());
    facts.identity("alice", Set.of("platform"));
    facts.upstreamAddress("127.0.0.1");
    request =
        EgressRequest.builder(Phase.HTTP, "127.0.0.1", 18080)
            .client("10.20.1.2", "alice", Set.of("platform"))
            .build();
    Identification agent =
        new Identification(
            "unknown", List.of(), Confidence.NONE, List.of("host 127.0.0.1"), false, null, null);
    decision = new Decision(Action.ALLOW, "allow-local", "local", null, null, List.of(), agent);
    AuditSink keepLast =
        new AuditSink() {
          @Override
          public boolean record(AuditEvent e) {
            last = e;
            return true;
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
    observer = new AuditObserver(keepLast, () -> "v1", Clock.systemUTC());
    observer.decided(facts, request, decision);
    event = last;
    writer = new AuditFileWriter(dir.resolve("append.log"), 64L << 20, 2, false);
    log =
        AuditLog.start(
            new AuditConfig(
                dir.resolve("paced.log"),
                64L << 20,
                2,
                8192,
                AuditConfig.WhenFull.FAIL_OPEN,
                false));
    logObserver = new AuditObserver(log, () -> "v1", Clock.systemUTC());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    writer.close();
    log.close();
    System.out.println("paced: dropped " + log.droppedCount() + ", written " + log.writtenCount());
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  @Benchmark
  public AuditEvent observe() {
    observer.decided(facts, request, decision);
    return last;
  }

  @Benchmark
  public void append() throws IOException {
    writer.append(event);
    if (++lines % 64 == 0) {
      writer.flush();
    }
  }

  @Benchmark
  public void pacedBaseline() {
    Blackhole.consumeCPU(PACE_TOKENS);
  }

  @Benchmark
  public void pacedRecord() {
    logObserver.decided(facts, request, decision);
    Blackhole.consumeCPU(PACE_TOKENS);
  }
}
