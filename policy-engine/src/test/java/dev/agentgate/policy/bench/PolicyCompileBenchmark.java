package dev.agentgate.policy.bench;

import dev.agentgate.policy.lang.PolicyCompiler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to parse, validate and compile the generated 10,000-rule policy (what a hot reload costs,
 * off the event loops). Run with {@code -Djmh.include=PolicyCompileBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class PolicyCompileBenchmark {

  @Param({"10000"})
  int rules;

  private String yaml;

  @Setup(Level.Trial)
  public void setUp() {
    yaml = GeneratedPolicy.yaml(rules);
  }

  @Benchmark
  public PolicyCompiler.Result compile() {
    PolicyCompiler.Result r = PolicyCompiler.compile("generated.yaml", yaml);
    if (!r.ok()) {
      throw new IllegalStateException(r.errors().get(0).toString());
    }
    return r;
  }
}
