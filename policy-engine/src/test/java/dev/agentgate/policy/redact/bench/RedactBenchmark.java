package dev.agentgate.policy.redact.bench;

import dev.agentgate.policy.redact.RedactionResult;
import dev.agentgate.policy.redact.Redactor;
import dev.agentgate.policy.redact.RedactorSpec;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Redaction of a ~100 KB Anthropic Messages request (system prompt, eight tool definitions, a
 * conversation of source files with four secrets), every built-in detector on. MB/s = ops/s x body
 * size (printed at setup).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class RedactBenchmark {

  private Redactor redactor;
  private byte[] withSecrets;
  private byte[] clean;

  @Setup(Level.Trial)
  public void setUp() {
    redactor =
        new Redactor(
            new RedactorSpec(
                "bench",
                List.of("all"),
                List.of(),
                List.of("CONFIDENTIAL-DO-NOT-SHARE"),
                RedactorSpec.OnFinding.REDACT,
                RedactorSpec.OnUninspectable.BLOCK,
                RedactorSpec.DEFAULT_MAX_BODY_BYTES));
    RealisticRequest.Body body = RealisticRequest.build(100_000, 42);
    withSecrets = body.json();
    String cleaned = new String(withSecrets, java.nio.charset.StandardCharsets.UTF_8);
    for (var s : body.secrets()) {
      cleaned = cleaned.replace(s.secret(), "x");
    }
    clean = cleaned.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    RedactionResult r = redactor.redact("application/json", null, withSecrets);
    System.out.printf(
        "%nbody %d bytes, %s, %d findings; clean body %d bytes%n",
        withSecrets.length, r.outcome(), r.findings().size(), clean.length);
  }

  @Benchmark
  public RedactionResult redactWithSecrets() {
    return redactor.redact("application/json", null, withSecrets);
  }

  @Benchmark
  public RedactionResult inspectClean() {
    return redactor.redact("application/json", null, clean);
  }
}
