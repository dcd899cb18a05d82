package dev.agentgate.policy.redact;

import static dev.agentgate.policy.redact.RedactionAssertions.MAPPER;
import static dev.agentgate.policy.redact.RedactionAssertions.assertOnlySecretsReplaced;
import static dev.agentgate.policy.redact.RedactionAssertions.assertValidJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentgate.policy.redact.RedactionResult.Outcome;
import dev.agentgate.policy.redact.RedactorSpec.OnFinding;
import dev.agentgate.policy.redact.SecretSamples.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** OpenAI Chat Completions, Gemini (plain and Code Assist), other JSON and text bodies. */
class OtherShapesRedactionTest {

  private final Random random = new Random(77);
  private final List<Sample> planted = new ArrayList<>();
  private final Redactor redactor = new Redactor(RedactionAssertions.spec(OnFinding.REDACT));

  private String plant(String kind) {
    Sample s = SecretSamples.sample(kind, random);
    planted.add(s);
    return s.text();
  }

  private RedactionResult redactJson(ObjectNode root) throws Exception {
    byte[] body = MAPPER.writeValueAsBytes(root);
    RedactionResult r = redactor.redact("application/json", null, body);
    assertThat(r.outcome()).isEqualTo(Outcome.REDACTED);
    assertValidJson(r.body());
    assertOnlySecretsReplaced(body, r.body(), planted);
    return r;
  }

  @Test
  void openAiChatCompletions() throws Exception {
    ObjectNode root = MAPPER.createObjectNode().put("model", "qwen3-coder-plus");
    var messages = root.putArray("messages");
    messages
        .addObject()
        .put("role", "system")
        .putArray("content")
        .addObject()
        .put("type", "text")
        .put("text", "sys " + plant("openrouter-key"));
    messages.addObject().put("role", "user").put("content", "use " + plant("groq-key"));
    var call =
        messages
            .addObject()
            .put("role", "assistant")
            .putArray("tool_calls")
            .addObject()
            .put("id", "c1")
            .put("type", "function");
    call.putObject("function")
        .put("name", "run")
        .put("arguments", "{\"cmd\":\"export " + plant("xai-key").replace("\n", "") + "\"}");
    messages
        .addObject()
        .put("role", "tool")
        .put("tool_call_id", "c1")
        .put("content", plant("perplexity-key"));
    root.putObject("metadata").put("sessionId", SecretSamples.githubToken(new Random(3), "ghp_"));
    root.put("stream", true);

    RedactionResult r = redactJson(root);

    assertThat(r.shape()).isEqualTo(ApiShape.OPENAI_CHAT);
    assertThat(r.findings())
        .extracting(Finding::detector, Finding::path)
        .containsExactlyInAnyOrder(
            tuple("openrouter-key", "$.messages[0].content[0].text"),
            tuple("groq-key", "$.messages[1].content"),
            tuple("xai-key", "$.messages[2].tool_calls[0].function.arguments"),
            tuple("perplexity-key", "$.messages[3].content"));
  }

  private ObjectNode geminiRequest(ObjectNode req) {
    var parts = req.putArray("contents").addObject().put("role", "user").putArray("parts");
    parts.addObject().put("text", "hi " + plant("telegram-bot-token"));
    parts
        .addObject()
        .putObject("functionCall")
        .put("name", "shell")
        .putObject("args")
        .put("command", plant("digitalocean-token"));
    parts
        .addObject()
        .putObject("functionResponse")
        .put("name", "shell")
        .putObject("response")
        .putArray("output")
        .add(plant("hashicorp-vault-token"));
    parts.addObject().put("thoughtSignature", "CiQBVKhc7" + "Q".repeat(30));
    req.putObject("systemInstruction")
        .put("role", "user")
        .putArray("parts")
        .addObject()
        .put("text", "system " + plant("alibaba-access-key"));
    req.putArray("tools")
        .addObject()
        .putArray("functionDeclarations")
        .addObject()
        .put("name", "shell")
        .put("description", "run");
    req.putObject("generationConfig").put("temperature", 1).put("topP", 0.95);
    return req;
  }

  @Test
  void geminiGenerateContent() throws Exception {
    RedactionResult r = redactJson(geminiRequest(MAPPER.createObjectNode()));
    assertThat(r.shape()).isEqualTo(ApiShape.GEMINI);
    assertThat(r.findings())
        .extracting(Finding::detector, Finding::path)
        .containsExactlyInAnyOrder(
            tuple("telegram-bot-token", "$.contents[0].parts[0].text"),
            tuple("digitalocean-token", "$.contents[0].parts[1].functionCall.args.command"),
            tuple(
                "hashicorp-vault-token",
                "$.contents[0].parts[2].functionResponse.response.output[0]"),
            tuple("alibaba-access-key", "$.systemInstruction.parts[0].text"));
  }

  @Test
  void geminiCodeAssistWrapper() throws Exception {
    ObjectNode root =
        MAPPER.createObjectNode().put("model", "gemini-3.1-pro").put("project", "p-1");
    geminiRequest(root.putObject("request"));
    RedactionResult r = redactJson(root);
    assertThat(r.shape()).isEqualTo(ApiShape.GEMINI_CODE_ASSIST);
    assertThat(r.findings())
        .extracting(Finding::path)
        .contains("$.request.contents[0].parts[0].text");
  }

  @Test
  void otherJsonHasEveryStringScanned() throws Exception {
    ObjectNode root = MAPPER.createObjectNode();
    root.putObject("deep")
        .putArray("list")
        .add(1)
        .add("x " + plant("shopify-token"))
        .addObject()
        .put("weird key", plant("rubygems-token"));
    RedactionResult r = redactJson(root);
    assertThat(r.shape()).isEqualTo(ApiShape.OTHER_JSON);
    assertThat(r.findings())
        .extracting(Finding::path)
        .containsExactlyInAnyOrder("$.deep.list[1]", "$.deep.list[2]['weird key']");
  }

  @Test
  void textBodyIsScannedWhole() {
    String text =
        "line one\n"
            + plant("age-secret-key")
            + "\nline 3: "
            + plant("slack-webhook")
            + "\n— end ✓";
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    RedactionResult r = redactor.redact("text/plain; charset=UTF-8", null, body);
    assertThat(r.outcome()).isEqualTo(Outcome.REDACTED);
    assertThat(r.shape()).isEqualTo(ApiShape.TEXT);
    String expected = text;
    for (Sample s : planted) {
      expected = expected.replace(s.secret(), "[REDACTED:" + s.detector() + "]");
    }
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(r.findings()).extracting(Finding::path).containsOnly("$");
  }

  @Test
  void bodyWithoutContentTypeIsSniffed() throws Exception {
    ObjectNode root = MAPPER.createObjectNode();
    root.putArray("messages").addObject().put("role", "user").put("content", plant("stripe-key"));
    RedactionResult json = redactor.redact(null, null, MAPPER.writeValueAsBytes(root));
    assertThat(json.shape()).isEqualTo(ApiShape.OPENAI_CHAT);
    assertThat(json.outcome()).isEqualTo(Outcome.REDACTED);
    RedactionResult text =
        redactor.redact(null, null, plant("npm-token").getBytes(StandardCharsets.UTF_8));
    assertThat(text.shape()).isEqualTo(ApiShape.TEXT);
    assertThat(text.outcome()).isEqualTo(Outcome.REDACTED);
  }
}
