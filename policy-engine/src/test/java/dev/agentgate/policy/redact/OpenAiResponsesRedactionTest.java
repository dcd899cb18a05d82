package dev.agentgate.policy.redact;

import static dev.agentgate.policy.redact.RedactionAssertions.MAPPER;
import static dev.agentgate.policy.redact.RedactionAssertions.assertNoValueLeaks;
import static dev.agentgate.policy.redact.RedactionAssertions.assertOnlySecretsReplaced;
import static dev.agentgate.policy.redact.RedactionAssertions.assertValidJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentgate.policy.redact.RedactionResult.Outcome;
import dev.agentgate.policy.redact.RedactorSpec.OnFinding;
import dev.agentgate.policy.redact.SecretSamples.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OpenAiResponsesRedactionTest {

  private final Random random = new Random(4242);
  private final List<Sample> planted = new ArrayList<>();

  private String plant(String kind) {
    Sample s = SecretSamples.sample(kind, random);
    planted.add(s);
    return s.text();
  }

  /** A PEM key as an added file in a patch: every line after the first starts with '+'. */
  private String plantPatchedKey() {
    String patched = SecretSamples.sample("private-key", random).secret().replace("\n", "\n+");
    planted.add(new Sample("private-key", patched, patched));
    return patched;
  }

  /** A Codex-like Responses request with ten kinds of secrets in instructions and input items. */
  private byte[] request(String encrypted, String cacheKey) throws Exception {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("model", "gpt-6.1-sol");
    root.put("instructions", "You are Codex.\nDeploy key for CI: " + plant("huggingface-token"));
    ArrayNode input = root.putArray("input");
    input
        .addObject()
        .put("type", "additional_tools")
        .put("role", "developer")
        .putArray("tools")
        .addObject()
        .put("name", "shell");
    ObjectNode dev = input.addObject().put("type", "message").put("role", "developer");
    dev.putArray("content")
        .addObject()
        .put("type", "input_text")
        .put("text", "<permissions instructions>sandbox read-only</permissions instructions>");
    ObjectNode user = input.addObject().put("type", "message").put("role", "user");
    ArrayNode userContent = user.putArray("content");
    userContent
        .addObject()
        .put("type", "input_text")
        .put("text", "push with " + plant("github-fine-grained-token"));
    userContent
        .addObject()
        .put("type", "input_text")
        .put("text", "and publish with " + plant("npm-token") + " ✓");
    input
        .addObject()
        .put("type", "reasoning")
        .put("encrypted_content", encrypted)
        .putArray("summary");
    input
        .addObject()
        .put("type", "function_call")
        .put("call_id", "call_1")
        .put("name", "shell")
        .put(
            "arguments",
            MAPPER.writeValueAsString(
                MAPPER.createObjectNode().put("command", "curl -u api:" + plant("sendgrid-key"))));
    input
        .addObject()
        .put("type", "function_call_output")
        .put("call_id", "call_1")
        .put("output", "env:\n" + plant("twilio-key") + plant("gitlab-token"));
    input
        .addObject()
        .put("type", "custom_tool_call")
        .put("call_id", "call_2")
        .put("name", "apply_patch")
        .put(
            "input",
            "*** Begin Patch\n*** Add File: deploy/key.pem\n+"
                + plantPatchedKey()
                + "\n*** End Patch");
    ObjectNode out = input.addObject().put("type", "function_call_output").put("call_id", "call_2");
    out.putArray("output")
        .addObject()
        .put("type", "input_text")
        .put("text", "ok " + plant("azure-storage-key"));
    input
        .addObject()
        .put("type", "local_shell_call")
        .put("call_id", "call_3")
        .putObject("action")
        .put("type", "exec")
        .putArray("command")
        .add("docker")
        .add("login")
        .add(plant("dockerhub-token"));
    ObjectNode assistant = input.addObject().put("type", "message").put("role", "assistant");
    assistant
        .putArray("content")
        .addObject()
        .put("type", "output_text")
        .put("text", "Stored " + plant("jwt"));
    root.put("tool_choice", "auto");
    root.put("store", false);
    root.putArray("include").add("reasoning.encrypted_content");
    root.put("prompt_cache_key", cacheKey);
    root.putObject("client_metadata")
        .put("x-codex-turn-metadata", "{\"installation_id\":\"bf6f0665\"}");
    root.put("stream", true);
    return MAPPER.writeValueAsBytes(root);
  }

  @Test
  void replacesEachSecretInInstructionsAndInputAndKeepsEveryOtherByte() throws Exception {
    // Reasoning is encrypted and signed by the vendor: a look-alike inside must survive untouched.
    String encrypted =
        "gAAAAAB" + SecretSamples.sample("aws-access-key", new Random(8)).secret() + "xyz==";
    byte[] body = request(encrypted, "01a1fe34-154a-7b61-b4b3-fc5253bcbd7b");

    RedactionResult r =
        new Redactor(RedactionAssertions.spec(OnFinding.REDACT))
            .redact("application/json", null, body);

    assertThat(r.outcome()).isEqualTo(Outcome.REDACTED);
    assertThat(r.shape()).isEqualTo(ApiShape.OPENAI_RESPONSES);
    assertThat(planted)
        .extracting(Sample::detector)
        .doesNotHaveDuplicates()
        .hasSizeGreaterThanOrEqualTo(10);
    byte[] redacted = r.body();
    assertValidJson(redacted);
    assertOnlySecretsReplaced(body, redacted, planted);
    assertThat(new String(redacted, StandardCharsets.UTF_8)).contains(encrypted);
    // The function call arguments are JSON inside a string: still valid JSON after the rewrite.
    var args = MAPPER.readTree(redacted).get("input").get(4).get("arguments").asText();
    assertThat(MAPPER.readTree(args).get("command").asText())
        .isEqualTo("curl -u api:SENDGRID_API_KEY=[REDACTED:sendgrid-key]\n");
    assertThat(r.findings())
        .extracting(Finding::detector, Finding::path)
        .contains(
            tuple("huggingface-token", "$.instructions"),
            tuple("npm-token", "$.input[2].content[1].text"),
            tuple("sendgrid-key", "$.input[4].arguments"),
            tuple("private-key", "$.input[6].input"),
            tuple("azure-storage-key", "$.input[7].output[0].text"),
            tuple("dockerhub-token", "$.input[8].action.command[2]"),
            tuple("jwt", "$.input[9].content[0].text"));
    assertNoValueLeaks(r, planted);
  }
}
