package dev.agentgate.policy.redact.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentgate.policy.redact.ApiShape;
import dev.agentgate.policy.redact.FindingCollector;
import dev.agentgate.policy.redact.SecretSamples;
import dev.agentgate.policy.redact.detect.BuiltInDetectors;
import dev.agentgate.policy.redact.detect.SecretScanner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Splicing at the byte level: escapes, BOM, boundaries, nesting. */
class JsonRedactorTest {

  private final JsonRedactor redactor =
      new JsonRedactor(new SecretScanner(BuiltInDetectors.forNames(List.of("all"))));
  private final String key = SecretSamples.sample("aws-access-key", new Random(4)).secret();

  private String redact(String json) throws UninspectableException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ApiShape shape = redactor.shapeOf(bytes);
    byte[] out = redactor.redact(bytes, shape, new FindingCollector());
    return out == null ? null : new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void secretSpelledWithEscapesIsReplacedWithTheWholeSpellingAndNeighboursKeepTheirs()
      throws Exception {
    // The key's first letter written as \u0041: the raw span starts at the backslash.
    String escaped = "\\u0041" + key.substring(1);
    String json = "{\"messages\":[{\"content\":\"\\\"" + escaped + "\\\"\\n\\u00e9\"}]}";
    assertThat(redact(json))
        .isEqualTo(
            "{\"messages\":[{\"content\":\"\\\"[REDACTED:aws-access-key]\\\"\\n\\u00e9\"}]}");
  }

  @Test
  void secretFillingTheWholeStringAndAtItsEdges() throws Exception {
    assertThat(redact("{\"input\":\"" + key + "\"}"))
        .isEqualTo("{\"input\":\"[REDACTED:aws-access-key]\"}");
    assertThat(redact("{\"input\":[\"" + key + " x\",\"x " + key + "\"]}"))
        .isEqualTo("{\"input\":[\"[REDACTED:aws-access-key] x\",\"x [REDACTED:aws-access-key]\"]}");
  }

  @Test
  void byteOrderMarkAndOddWhitespaceSurvive() throws Exception {
    String json =
        "\uFEFF \n\t{ \"contents\" : [ { \"parts\" : [ { \"text\" : \"k="
            + key
            + "\" } ] } ] , \"n\" : 1.50e+3 }\n";
    assertThat(redact(json)).isEqualTo(json.replace(key, "[REDACTED:aws-access-key]"));
  }

  @Test
  void supplementaryCharsNextToASecretStayWhole() throws Exception {
    String json = "{\"input\":\"😀" + key + "😀\"}";
    assertThat(redact(json)).isEqualTo("{\"input\":\"😀[REDACTED:aws-access-key]😀\"}");
  }

  @Test
  void nothingFoundReturnsNull() throws Exception {
    assertThat(redact("{\"messages\":[{\"content\":\"hello\"}]}")).isNull();
  }

  @Test
  void tooDeepIsUninspectable() {
    String deep = "[".repeat(600) + "]".repeat(600);
    assertThatThrownBy(() -> redact(deep)).isInstanceOf(UninspectableException.class);
  }
}
