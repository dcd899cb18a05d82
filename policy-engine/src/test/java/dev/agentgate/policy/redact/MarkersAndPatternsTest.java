package dev.agentgate.policy.redact;

import static dev.agentgate.policy.redact.RedactionAssertions.MAPPER;
import static dev.agentgate.policy.redact.RedactionAssertions.assertValidJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentgate.policy.redact.RedactionResult.Outcome;
import dev.agentgate.policy.redact.RedactorSpec.CustomPattern;
import dev.agentgate.policy.redact.RedactorSpec.OnFinding;
import dev.agentgate.policy.redact.RedactorSpec.OnUninspectable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MarkersAndPatternsTest {

  private static Redactor redactor(
      List<String> detectors, List<CustomPattern> patterns, List<String> markers, OnFinding on) {
    return new Redactor(
        new RedactorSpec("t", detectors, patterns, markers, on, OnUninspectable.BLOCK, 1 << 20));
  }

  private static byte[] chat(String... contents) throws Exception {
    ObjectNode root = MAPPER.createObjectNode().put("model", "m");
    var messages = root.putArray("messages");
    for (String c : contents) {
      messages.addObject().put("role", "user").put("content", c);
    }
    return MAPPER.writeValueAsBytes(root);
  }

  @Test
  void markerWithholdsTheWholeContentValueThatCarriesIt() throws Exception {
    Redactor r =
        redactor(
            List.of(), List.of(), List.of("CONFIDENTIAL-DO-NOT-SHARE", "社外秘"), OnFinding.REDACT);
    byte[] body =
        chat(
            "public text",
            "Q3 numbers (CONFIDENTIAL-DO-NOT-SHARE): revenue up",
            "資料 社外秘 です",
            "confidential-do-not-share is not the marker");
    RedactionResult result = r.redact("application/json", null, body);
    assertThat(result.outcome()).isEqualTo(Outcome.REDACTED);
    assertValidJson(result.body());
    JsonNode messages = MAPPER.readTree(result.body()).get("messages");
    assertThat(messages.get(0).get("content").asText()).isEqualTo("public text");
    assertThat(messages.get(1).get("content").asText()).isEqualTo("[REDACTED:marker]");
    assertThat(messages.get(2).get("content").asText()).isEqualTo("[REDACTED:marker]");
    assertThat(messages.get(3).get("content").asText()).startsWith("confidential");
    assertThat(result.findings())
        .extracting(Finding::path)
        .containsExactly("$.messages[1].content", "$.messages[2].content");
  }

  @Test
  void markerInBlockModeRefuses() throws Exception {
    Redactor r = redactor(List.of(), List.of(), List.of("PROJECT-NIGHTJAR"), OnFinding.BLOCK);
    RedactionResult result = r.redact("application/json", null, chat("about PROJECT-NIGHTJAR"));
    assertThat(result.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(result.detectors()).containsExactly("marker");
  }

  @Test
  void customPatternUsesItsNameAsThePlaceholderType() throws Exception {
    CustomPattern employee = new CustomPattern("employee-id", Pattern.compile("\\bEMP-\\d{6}\\b"));
    CustomPattern internal =
        new CustomPattern("internal-key", Pattern.compile("ikey=(?<secret>[a-z0-9]{10})"));
    Redactor r =
        redactor(List.of("github-token"), List.of(employee, internal), List.of(), OnFinding.REDACT);
    RedactionResult result =
        r.redact(
            "application/json",
            null,
            chat("ask EMP-123456 and EMP-654321; ikey=abcde12345 works; EMP-12 not"));
    JsonNode content = MAPPER.readTree(result.body()).get("messages").get(0).get("content");
    assertThat(content.asText())
        .isEqualTo(
            "ask [REDACTED:employee-id] and [REDACTED:employee-id]; ikey=[REDACTED:internal-key] works; EMP-12 not");
    assertThat(result.findings())
        .extracting(Finding::detector)
        .containsExactly("employee-id", "employee-id", "internal-key");
  }

  @Test
  void onlyTheListedBuiltInsRun() throws Exception {
    Redactor onlyAws = redactor(List.of("aws-access-key"), List.of(), List.of(), OnFinding.REDACT);
    String gh = SecretSamples.githubToken(new java.util.Random(1), "ghp_");
    assertThat(onlyAws.redact("application/json", null, chat(gh)).outcome())
        .isEqualTo(Outcome.UNCHANGED);
  }

  @Test
  void unknownDetectorNameIsRejected() {
    assertThatThrownBy(() -> redactor(List.of("no-such"), List.of(), List.of(), OnFinding.REDACT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such");
  }

  @Test
  void textMarkerWithholdsTheWholeBody() {
    Redactor r = redactor(List.of(), List.of(), List.of("INTERNAL ONLY"), OnFinding.REDACT);
    RedactionResult result =
        r.redact("text/plain", null, "a\nINTERNAL ONLY\nb".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("[REDACTED:marker]");
  }
}
