package dev.agentgate.proxy.fingerprint;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Coverage-guided fuzzing with Jazzer, beside the seeded {@link ClientHelloMutationFuzzTest} that
 * every build runs. Only on request: {@code JAZZER_FUZZ=1 mvn -pl proxy-core -am test
 * -Dtest=ClientHelloJazzerFuzzTest -Dsurefire.failIfNoSpecifiedTests=false} fuzzes for five minutes
 * from the seeds (real hellos in the {@code ClientHelloJazzerFuzzTestInputs} resources); its corpus
 * goes to {@code .cifuzz-corpus/}, which git ignores. Skipped otherwise, because Jazzer attaches an
 * instrumenting agent to the test JVM that every later test in the same fork would pay for.
 */
@EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
class ClientHelloJazzerFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void anyBytes(byte[] data) {
    ByteBuffer buffer = ByteBuffer.wrap(data);
    for (ParseResult r :
        new ParseResult[] {
          ClientHelloParser.parseRecords(buffer),
          ClientHelloParser.parseHandshake(buffer),
          ClientHelloParser.parse(buffer)
        }) {
      if (r instanceof ParseResult.Malformed m && m.reason().startsWith("parser defect")) {
        throw new AssertionError(m.reason());
      }
      if (r instanceof ParseResult.Parsed p) {
        Ja4.ja4(p.hello());
        Ja4.ja4ro(p.hello());
        Ja3.md5(p.hello());
      }
    }
    if (buffer.position() != 0 || buffer.limit() != data.length) {
      throw new AssertionError("buffer moved");
    }
  }
}
