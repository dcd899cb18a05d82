package dev.agentgate.proxy.fingerprint;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse + JA3 + JA4 on real hellos in record form, as the proxy sees them: Chrome (GREASE, 517
 * bytes), Node 20 fetch (59 ciphers, no GREASE) and s2n's 16 KB hello split over three records.
 * Heap and direct buffers (Netty hands the inspector either).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ClientHelloBenchmark {

  @Param({"chrome", "node", "multirecord16k"})
  public String hello;

  @Param({"heap", "direct"})
  public String buffer;

  private ByteBuffer bytes;
  private ClientHello parsed;

  @Setup
  public void setUp() {
    String id =
        switch (hello) {
          case "chrome" -> "foxio_tls_handshake_f7";
          case "node" -> "local_node20_fetch";
          default -> "s2n_fragmented_ch_f9";
        };
    byte[] record = TlsVectors.byId(id).record();
    bytes =
        buffer.equals("heap")
            ? ByteBuffer.wrap(record)
            : ByteBuffer.allocateDirect(record.length).put(record).flip();
    parsed = hello();
  }

  @Benchmark
  public ParseResult parse() {
    return ClientHelloParser.parseRecords(bytes);
  }

  @Benchmark
  public String parseJa4() {
    return Ja4.ja4(hello());
  }

  @Benchmark
  public void parseJa3Ja4(Blackhole sink) {
    ClientHello h = hello();
    sink.consume(Ja3.md5(h));
    sink.consume(Ja4.ja4(h));
  }

  /** JA4 alone, on an already parsed hello. */
  @Benchmark
  public String ja4Only() {
    return Ja4.ja4(parsed);
  }

  /** JA3 alone, on an already parsed hello. */
  @Benchmark
  public String ja3Only() {
    return Ja3.md5(parsed);
  }

  private ClientHello hello() {
    return ((ParseResult.Parsed) ClientHelloParser.parseRecords(bytes)).hello();
  }
}
