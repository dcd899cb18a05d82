package dev.agentgate.proxy.tls;

import java.time.Clock;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one cache miss costs on the mint executor: a leaf (P-256 key pair and signature), and a leaf
 * plus the JDK server context built around it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LeafMintBenchmark {

  private LeafMinter minter;
  private LeafName name;

  @Setup
  public void setUp() {
    CertificateAuthority ca = TestCerts.newCa("benchmark CA");
    minter = new LeafMinter(ca, LeafSettings.defaults(), Clock.systemUTC(), TestCerts.RANDOM);
    name = LeafName.parse("api.anthropic.com");
  }

  @Benchmark
  public MintedLeaf mintLeaf() {
    return minter.mint(name);
  }

  @Benchmark
  public MintedContext mintLeafAndContext() {
    return MintedContext.of(minter.mint(name), LeafSettings.defaults().cacheResidency());
  }
}
