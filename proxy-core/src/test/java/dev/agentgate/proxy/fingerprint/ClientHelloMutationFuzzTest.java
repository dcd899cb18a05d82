package dev.agentgate.proxy.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing over the real vectors: the parser must answer every input with a typed
 * result (the form-specific and the auto-detecting entry points alike), never throw, never hang,
 * and allocate in proportion to the input. CI runs a short mode; {@code -Dfuzz.iterations=1000000}
 * runs the long one ({@code -Dfuzz.seed} replays another run).
 */
class ClientHelloMutationFuzzTest {
  private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 20_000);
  private static final long SEED = Long.getLong("fuzz.seed", 0x5eed_0f_a6e47L);
  private static final Pattern JA4 =
      Pattern.compile(
          "[tq](13|12|11|10|s3|s2|d1|d2|d3|00)[di]\\d{4}[0-9A-Za-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}");
  private static final Pattern JA3 = Pattern.compile("[0-9a-f]{32}");

  /** The allocation one input may cause: proportional to its size, plus the 64 KiB copy limit. */
  private static long allocationBound(int inputLength) {
    return 64L * inputLength + 4L * ClientHelloParser.MAX_HELLO_BYTES;
  }

  enum Outcome {
    PARSED,
    NOT_TLS,
    NEED_MORE_BYTES,
    TOO_LARGE,
    MALFORMED
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
  void mutatedRealHellosAlwaysGetATypedResult() {
    List<byte[]> seeds = new ArrayList<>();
    TlsVectors.all().forEach(v -> seeds.add(v.handshake()));
    seeds.add(ClientHelloParserTest.padded(TlsVectors.byId("foxio_tls_handshake_f125"), 16_000));
    Mutator mutator = new Mutator(SEED, seeds);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    long maxAllocated = 0;
    long started = System.nanoTime();
    for (int i = 0; i < ITERATIONS; i++) {
      Mutator.Input next = mutator.next();
      byte[] input = next.bytes();
      ByteBuffer buffer = frame(input, mutator);
      int position = buffer.position();
      int limit = buffer.limit();
      long before = threads.getThreadAllocatedBytes(thread);
      ParseResult result =
          next.records()
              ? ClientHelloParser.parseRecords(buffer)
              : ClientHelloParser.parseHandshake(buffer);
      long allocated = threads.getThreadAllocatedBytes(thread) - before;
      maxAllocated = Math.max(maxAllocated, allocated);
      if (allocated > allocationBound(input.length)) {
        fail("input %d allocated %d bytes for %d input bytes", i, allocated, input.length);
      }
      ParseResult detected = ClientHelloParser.parse(buffer);
      boolean sameForm = input.length > 0 && input[0] == (next.records() ? 0x16 : 0x01);
      if (sameForm && detected.getClass() != result.getClass()) {
        fail("input %d: parse gave %s, the form's own parser %s", i, detected, result);
      }
      if (buffer.position() != position || buffer.limit() != limit) {
        fail("input %d moved the buffer", i);
      }
      outcomes.merge(check(detected, i), 0, Integer::sum);
      outcomes.merge(check(result, i), 1, Integer::sum);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    System.out.printf(
        "fuzz: %d inputs, seed %d, %d ms, outcomes %s, max bytes allocated by one parse %d%n",
        ITERATIONS, SEED, millis, outcomes, maxAllocated);
    // A mutation mix that only ever produced one outcome would be testing nothing.
    assertThat(outcomes.keySet())
        .contains(Outcome.PARSED, Outcome.MALFORMED, Outcome.NEED_MORE_BYTES);
  }

  /** Sometimes at an offset in a larger buffer, sometimes direct, so every buffer kind is hit. */
  private static ByteBuffer frame(byte[] input, Mutator mutator) {
    switch (mutator.nextInt(4)) {
      case 0:
        byte[] framed = new byte[input.length + 16];
        System.arraycopy(input, 0, framed, 7, input.length);
        return ByteBuffer.wrap(framed).position(7).limit(7 + input.length);
      case 1:
        return ByteBuffer.allocateDirect(input.length).put(input).flip();
      default:
        return ByteBuffer.wrap(input);
    }
  }

  private static Outcome check(ParseResult result, int i) {
    if (result instanceof ParseResult.Parsed p) {
      ClientHello h = p.hello();
      String ja4 = Ja4.ja4(h);
      String ja4o = Ja4.ja4o(h);
      String prefix = ja4.substring(0, 10);
      if (!JA4.matcher(ja4).matches()
          || !JA4.matcher(ja4o).matches()
          || !Ja4.ja4r(h).startsWith(prefix)
          || !Ja4.ja4ro(h).startsWith(prefix)
          || !JA3.matcher(Ja3.md5(h)).matches()
          || !Ja3.full(h).startsWith(Integer.toString(h.legacyVersion()))) {
        fail("input %d: odd fingerprints %s / %s for %s", i, ja4, ja4o, h);
      }
      return Outcome.PARSED;
    }
    if (result instanceof ParseResult.Malformed m && m.reason().startsWith("parser defect")) {
      fail("input %d: %s", i, m.reason());
    }
    return result instanceof ParseResult.Malformed
        ? Outcome.MALFORMED
        : result instanceof ParseResult.NotTls
            ? Outcome.NOT_TLS
            : result instanceof ParseResult.TooLarge ? Outcome.TOO_LARGE : Outcome.NEED_MORE_BYTES;
  }

  private static void fail(String format, Object... args) {
    Assertions.fail("seed " + SEED + ", " + String.format(format, args));
  }
}
