package dev.agentgate.policy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentgate.policy.redact.SecretSamples.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Checks shared by the body tests. */
final class RedactionAssertions {
  private RedactionAssertions() {}

  static final ObjectMapper MAPPER = new ObjectMapper();

  /** The secret as it is spelled inside a JSON string written by Jackson. */
  static String jsonSpelling(String secret) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(secret));
  }

  static void assertValidJson(byte[] body) {
    try {
      MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("redacted body is not valid JSON", e);
    }
  }

  /**
   * Every planted secret is gone, its placeholder is in, and once the secrets are cut out of the
   * original and the placeholders out of the result, the two are byte-for-byte equal.
   */
  static void assertOnlySecretsReplaced(byte[] original, byte[] redacted, List<Sample> planted) {
    String before = new String(original, StandardCharsets.UTF_8);
    String after = new String(redacted, StandardCharsets.UTF_8);
    for (Sample s : planted) {
      String spelled = jsonSpelling(s.secret());
      assertThat(before).as("planted %s", s.detector()).contains(spelled);
      assertThat(after).as("%s removed", s.detector()).doesNotContain(spelled);
      assertThat(after).contains("[REDACTED:" + s.detector() + "]");
      before = before.replace(spelled, "");
      after = after.replace("[REDACTED:" + s.detector() + "]", "");
    }
    assertThat(after).isEqualTo(before);
  }

  /** Nothing about a secret value leaks through a result's or a finding's text. */
  static void assertNoValueLeaks(RedactionResult result, List<Sample> planted) {
    String shown = result.toString() + result.findings();
    for (Sample s : planted) {
      assertThat(shown).doesNotContain(s.secret());
    }
    for (Finding f : result.findings()) {
      assertThat(f.hash()).matches("[0-9a-f]{12}");
    }
  }

  static RedactorSpec spec(RedactorSpec.OnFinding onFinding) {
    return new RedactorSpec(
        "test",
        List.of("all"),
        List.of(),
        List.of(),
        onFinding,
        RedactorSpec.OnUninspectable.BLOCK,
        RedactorSpec.DEFAULT_MAX_BODY_BYTES);
  }
}
