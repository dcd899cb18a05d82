package dev.agentgate.policy.redact;

import static dev.agentgate.policy.redact.RedactionAssertions.MAPPER;
import static dev.agentgate.policy.redact.RedactionAssertions.assertNoValueLeaks;
import static dev.agentgate.policy.redact.RedactionAssertions.assertOnlySecretsReplaced;
import static dev.agentgate.policy.redact.RedactionAssertions.assertValidJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentgate.policy.redact.RedactionResult.Outcome;
import dev.agentgate.policy.redact.RedactorSpec.OnFinding;
import dev.agentgate.policy.redact.SecretSamples.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnthropicMessagesRedactionTest {

  private final Random random = new Random(2026);
  private final List<Sample> planted = new ArrayList<>();

  private String plant(String kind) {
    Sample s = SecretSamples.sample(kind, random);
    planted.add(s);
    return s.text();
  }

  /** A Claude Code-like request with eleven kinds of secrets in every content position. */
  private byte[] request(String userId, String toolDescription) throws Exception {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("model", "claude-opus-4-8");
    ArrayNode messages = root.putArray("messages");

    messages
        .addObject()
        .put("role", "user")
        .put("content", "héllo 😀 my token: " + plant("github-token"));

    ObjectNode assistant = messages.addObject().put("role", "assistant");
    ArrayNode aContent = assistant.putArray("content");
    aContent
        .addObject()
        .put("type", "thinking")
        .put("thinking", "The user pasted a token.")
        .put("signature", "EqQBCkgIBxABGAIiQL" + "x".repeat(40));
    aContent.addObject().put("type", "text").put("text", "Let me check the API.");
    ObjectNode toolUse =
        aContent.addObject().put("type", "tool_use").put("id", "toolu_01A").put("name", "Bash");
    toolUse
        .putObject("input")
        .put("command", "curl -s https://api.example.com/me -H '" + plant("jwt") + "'")
        .put("description", "Call the API\u2028with the \"bearer\" token");

    ObjectNode user2 = messages.addObject().put("role", "user");
    ArrayNode u2 = user2.putArray("content");
    u2.addObject()
        .put("type", "tool_result")
        .put("tool_use_id", "toolu_01A")
        .put("content", "id_rsa contents:\n" + plant("private-key"));
    u2.addObject().put("type", "text").put("text", "and billing uses " + plant("stripe-key"));

    ObjectNode assistant2 = messages.addObject().put("role", "assistant");
    ObjectNode write =
        assistant2
            .putArray("content")
            .addObject()
            .put("type", "tool_use")
            .put("id", "toolu_02B")
            .put("name", "Write");
    ObjectNode input = write.putObject("input").put("file_path", "/srv/app/.env");
    input.put("content", plant("openai-key") + "\n" + plant("anthropic-key"));
    input
        .putObject("nested")
        .putArray("env")
        .addObject()
        .put("name", "SLACK")
        .put("value", plant("slack-token"))
        .put("retries", 3);

    ObjectNode user3 = messages.addObject().put("role", "user");
    ArrayNode u3 = user3.putArray("content");
    ObjectNode result = u3.addObject().put("type", "tool_result").put("tool_use_id", "toolu_02B");
    ArrayNode resultContent = result.putArray("content");
    resultContent.addObject().put("type", "text").put("text", "wrote " + plant("url-password"));
    resultContent
        .addObject()
        .put("type", "image")
        .putObject("source")
        .put("type", "base64")
        .put("media_type", "image/png")
        .put("data", "iVBORw0KGgo" + "A".repeat(64));
    u3.addObject().put("type", "text").put("text", "maps key " + plant("gcp-api-key") + " ok?");

    ArrayNode system = root.putArray("system");
    system
        .addObject()
        .put("type", "text")
        .put("text", "x-anthropic-billing-header: cc_version=2.1.197");
    system
        .addObject()
        .put("type", "text")
        .put("text", "Environment:\n" + plant("aws-access-key") + plant("aws-secret-key"))
        .putObject("cache_control")
        .put("type", "ephemeral");

    root.putArray("tools")
        .addObject()
        .put("name", "Bash")
        .put("description", toolDescription)
        .putObject("input_schema")
        .put("type", "object");
    root.putObject("metadata").put("user_id", userId);
    root.put("max_tokens", 64000);
    root.putObject("thinking").put("type", "adaptive");
    root.put("stream", true);
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  @Test
  void replacesEachSecretInContentAndKeepsEveryOtherByte() throws Exception {
    String idToken = SecretSamples.githubToken(new Random(1), "ghu_");
    String schemaNote = "npm " + SecretSamples.sample("npm-token", new Random(2)).secret();
    byte[] body = request("{\"device_id\":\"" + idToken + "\"}", schemaNote);

    RedactionResult r =
        new Redactor(RedactionAssertions.spec(OnFinding.REDACT))
            .redact("application/json", null, body);

    assertThat(r.outcome()).isEqualTo(Outcome.REDACTED);
    assertThat(r.shape()).isEqualTo(ApiShape.ANTHROPIC_MESSAGES);
    assertThat(planted)
        .extracting(Sample::detector)
        .doesNotHaveDuplicates()
        .hasSizeGreaterThanOrEqualTo(10);
    byte[] out = r.body();
    assertValidJson(out);
    assertOnlySecretsReplaced(body, out, planted);
    // Not content: ids in metadata and tool definitions are left alone.
    String text = new String(out, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).contains(idToken).contains(schemaNote);
    assertThat(r.detectors())
        .containsExactlyInAnyOrderElementsOf(planted.stream().map(Sample::detector).toList());
    assertThat(r.findings())
        .extracting(Finding::detector, Finding::path)
        .contains(
            org.assertj.core.groups.Tuple.tuple("github-token", "$.messages[0].content"),
            org.assertj.core.groups.Tuple.tuple("jwt", "$.messages[1].content[2].input.command"),
            org.assertj.core.groups.Tuple.tuple("private-key", "$.messages[2].content[0].content"),
            org.assertj.core.groups.Tuple.tuple(
                "slack-token", "$.messages[3].content[0].input.nested.env[0].value"),
            org.assertj.core.groups.Tuple.tuple(
                "url-password", "$.messages[4].content[0].content[0].text"),
            org.assertj.core.groups.Tuple.tuple("aws-secret-key", "$.system[1].text"));
    assertNoValueLeaks(r, planted);
  }

  @Test
  void blockModeRefusesAndNamesTheDetectors() throws Exception {
    byte[] body = request("u", "d");
    RedactionResult r =
        new Redactor(RedactionAssertions.spec(OnFinding.BLOCK))
            .redact("application/json; charset=utf-8", null, body);
    assertThat(r.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(r.refused()).isTrue();
    assertThat(r.body()).isNull();
    assertThat(r.detectors()).contains("github-token", "private-key", "jwt");
    assertNoValueLeaks(r, planted);
  }

  @Test
  void cleanRequestIsUnchanged() throws Exception {
    ObjectNode root = MAPPER.createObjectNode().put("model", "claude-sonnet-4-6");
    root.putArray("messages")
        .addObject()
        .put("role", "user")
        .put("content", "Refactor the tokenizer: password fields must be hashed.");
    root.put("system", "You are a coding agent.");
    RedactionResult r =
        new Redactor(RedactionAssertions.spec(OnFinding.REDACT))
            .redact("application/json", "", MAPPER.writeValueAsBytes(root));
    assertThat(r.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(r.findings()).isEmpty();
    assertThat(r.refused()).isFalse();
  }
}
