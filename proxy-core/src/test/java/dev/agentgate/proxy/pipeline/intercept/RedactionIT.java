package dev.agentgate.proxy.pipeline.intercept;

import static dev.agentgate.proxy.pipeline.intercept.InterceptionFixture.ANTHROPIC;
import static dev.agentgate.proxy.pipeline.intercept.InterceptionFixture.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentgate.policy.Action;
import dev.agentgate.policy.Phase;
import dev.agentgate.proxy.observe.audit.AuditEvent;
import dev.agentgate.proxy.observe.audit.AuditFinding;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redaction end to end: the JDK HttpClient, trusting only the proxy's CA, sends model API requests
 * through the proxy; the fake model API behind the vendor host names receives them over verified
 * TLS, with each planted secret replaced by its placeholder and every other byte as sent.
 */
class RedactionIT {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String POLICY =
      """
      version: "redaction-it"
      default: allow
      redactors:
        secrets:
          detectors: [all]
        strict:
          detectors: [all]
          on_finding: block
        lenient:
          detectors: [all]
          on_uninspectable: allow
          max_body_bytes: 1024
      rules:
        - id: lenient-uploads
          match: {host: api.anthropic.com, path: /v1/uploads}
          action: redact
          redactor: lenient
        - id: strict-openai-files
          match: {host: api.openai.com, path: /v1/files}
          action: redact
          redactor: strict
        - id: redact-model-apis
          match: {host: [api.anthropic.com, api.openai.com]}
          action: redact
          redactor: secrets
      """;

  @TempDir static Path dir;
  private static InterceptionFixture proxy;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    proxy = new InterceptionFixture(dir, POLICY);
    client = proxy.client();
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @BeforeEach
  void clear() {
    proxy.clear();
  }

  @Test
  void anthropicMessagesArriveWithTenSecretsReplacedAndNothingElseChanged() throws Exception {
    PlantedSecrets secrets = new PlantedSecrets(1);
    byte[] body = anthropicRequest(secrets);

    HttpResponse<String> response = post(ANTHROPIC, "/v1/messages", body, null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    FakeModelApi.Received got = proxy.api.next();
    assertThat(got.bodyText()).isEqualTo(redacted(body, secrets));
    assertThat(MAPPER.readTree(got.body()).get("messages").size()).isEqualTo(4);
    assertThat(got.header("content-length")).isEqualTo(String.valueOf(got.body().length));
    assertThat(got.header("x-api-key")).isEqualTo("test-key-not-a-secret");
    assertAuditedFindings(secrets, "redacted");
    String scrape = proxy.scrape();
    for (String kind : PlantedSecrets.KINDS) {
      assertThat(
              Scrapes.sum(
                  scrape, "agentgate_redaction_findings_total", "detector=\"" + kind + "\""))
          .as(kind)
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void openAiResponsesArriveWithTenSecretsReplacedAndNothingElseChanged() throws Exception {
    PlantedSecrets secrets = new PlantedSecrets(2);
    byte[] body = openAiRequest(secrets);

    HttpResponse<String> response = post(OPENAI, "/v1/responses", body, null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    FakeModelApi.Received got = proxy.api.next();
    assertThat(got.bodyText()).isEqualTo(redacted(body, secrets));
    assertThat(MAPPER.readTree(got.body()).get("input").size()).isEqualTo(4);
    assertAuditedFindings(secrets, "redacted");
  }

  @Test
  void aGzipBodyIsDecodedRedactedAndSentUncompressed() throws Exception {
    PlantedSecrets secrets = new PlantedSecrets(3);
    byte[] body = anthropicRequest(secrets);

    HttpResponse<String> response =
        post(ANTHROPIC, "/v1/messages", compress(body, GZIPOutputStream::new), "gzip");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    FakeModelApi.Received got = proxy.api.next();
    assertThat(got.header("content-encoding")).isNull();
    assertThat(got.bodyText()).isEqualTo(redacted(body, secrets));
  }

  @Test
  void aZstdBodyIsDecodedRedactedAndSentUncompressed() throws Exception {
    PlantedSecrets secrets = new PlantedSecrets(4);
    byte[] body = openAiRequest(secrets);

    HttpResponse<String> response =
        post(OPENAI, "/v1/responses", compress(body, ZstdOutputStream::new), "zstd");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    FakeModelApi.Received got = proxy.api.next();
    assertThat(got.header("content-encoding")).isNull();
    assertThat(got.bodyText()).isEqualTo(redacted(body, secrets));
  }

  @Test
  void aCleanCompressedBodyGoesOnAsItCame() throws Exception {
    byte[] gzip =
        compress(
            "{\"model\":\"claude-sonnet-4-5\",\"system\":\"be brief\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"
                .getBytes(StandardCharsets.UTF_8),
            GZIPOutputStream::new);

    HttpResponse<String> response = post(ANTHROPIC, "/v1/messages", gzip, "gzip");

    assertThat(response.statusCode()).isEqualTo(200);
    FakeModelApi.Received got = proxy.api.next();
    assertThat(got.header("content-encoding")).isEqualTo("gzip");
    assertThat(got.body()).isEqualTo(gzip);
    assertThat(proxy.audit(AuditEvent.Type.DECISION))
        .anySatisfy(e -> assertThat(e.redaction()).isEqualTo("unchanged"));
  }

  @Test
  void aBlockFindingIsRefusedWith403NamingTheDetectorNotTheValue() throws Exception {
    PlantedSecrets secrets = new PlantedSecrets(5);
    String line = secrets.next() + " and " + secrets.next();
    byte[] body =
        ("{\"purpose\":\"assistants\",\"note\":" + quoted(line) + "}")
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = post(OPENAI, "/v1/files", body, null);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body())
        .contains("rule: strict-openai-files")
        .contains("aws-access-key, github-token")
        .contains("on_finding: block");
    for (PlantedSecrets.Secret s : secrets.planted()) {
      assertThat(response.body()).doesNotContain(s.secret());
    }
    assertAuditedFindings(secrets, "blocked");
    // The refused request never reached the server: the next one it sees is this one.
    assertThat(post(OPENAI, "/v1/models", new byte[0], null).statusCode()).isEqualTo(200);
    assertThat(proxy.api.next().path()).isEqualTo("/v1/models");
  }

  @Test
  void aBodyInAnUnknownEncodingIsUninspectableAndRefused() throws Exception {
    HttpResponse<String> response =
        post(ANTHROPIC, "/v1/messages", "not really compressed".getBytes(), "x-secret-sauce");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("cannot be inspected").contains("x-secret-sauce");
    assertThat(proxy.audit(AuditEvent.Type.DECISION))
        .anySatisfy(e -> assertThat(e.redaction()).isEqualTo("uninspectable_refused"));
    assertThat(Scrapes.sum(proxy.scrape(), "agentgate_blocks_total", "reason=\"uninspectable\""))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void underOnUninspectableAllowAnOversizedBodyStreamsOnUntouched() throws Exception {
    byte[] big = new byte[256 * 1024];
    new java.util.Random(3).nextBytes(big);

    // Known length above the limit: not gathered at all.
    HttpResponse<String> declared = post(ANTHROPIC, "/v1/uploads", big, null);
    // Unknown length (chunked): gathered up to the limit, then the rest streams behind it.
    HttpResponse<String> chunked =
        client.send(
            HttpRequest.newBuilder(URI.create("https://" + ANTHROPIC + "/v1/uploads"))
                .header("content-type", "application/octet-stream")
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build(),
            BodyHandlers.ofString());

    assertThat(declared.statusCode()).isEqualTo(200);
    assertThat(chunked.statusCode()).isEqualTo(200);
    assertThat(proxy.api.next().body()).isEqualTo(big);
    assertThat(proxy.api.next().body()).isEqualTo(big);
    assertThat(proxy.audit(AuditEvent.Type.DECISION))
        .filteredOn(e -> e.phase() == Phase.HTTP)
        .extracting(AuditEvent::redaction)
        .containsExactly("uninspectable_allowed", "uninspectable_allowed");
  }

  private static HttpResponse<String> post(String host, String path, byte[] body, String encoding)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("https://" + host + path))
            .header("content-type", "application/json")
            .header("x-api-key", "test-key-not-a-secret")
            .POST(BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      b.header("content-encoding", encoding);
    }
    return client.send(b.build(), BodyHandlers.ofString());
  }

  /** The HTTP-phase REDACT decision was audited with one finding per planted secret. */
  private static void assertAuditedFindings(PlantedSecrets secrets, String outcome) {
    List<AuditEvent> redactions =
        proxy.audit(AuditEvent.Type.DECISION).stream()
            .filter(e -> e.phase() == Phase.HTTP && e.action() == Action.REDACT)
            .toList();
    assertThat(redactions).hasSize(1);
    AuditEvent event = redactions.get(0);
    assertThat(event.redaction()).isEqualTo(outcome);
    assertThat(event.findings())
        .extracting(AuditFinding::detector)
        .containsExactlyInAnyOrderElementsOf(
            secrets.planted().stream().map(PlantedSecrets.Secret::kind).toList());
    assertThat(event.findings()).allSatisfy(f -> assertThat(f.location()).startsWith("$"));
    String everything = proxy.audit.toString();
    for (PlantedSecrets.Secret s : secrets.planted()) {
      assertThat(everything).doesNotContain(s.secret());
    }
  }

  /** A Claude Code-like Messages request with ten secrets in content positions. */
  private static byte[] anthropicRequest(PlantedSecrets s) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("model", "claude-sonnet-4-5").put("max_tokens", 4096).put("stream", false);
    root.putArray("system")
        .addObject()
        .put("type", "text")
        .put("text", "You are a coding agent. Environment:\n" + s.next());
    ArrayNode messages = root.putArray("messages");
    messages.addObject().put("role", "user").put("content", "Fix the deploy. " + s.next());
    ArrayNode assistant = messages.addObject().put("role", "assistant").putArray("content");
    assistant.addObject().put("type", "text").put("text", "Reading the config: " + s.next());
    ObjectNode toolUse =
        assistant.addObject().put("type", "tool_use").put("id", "toolu_01").put("name", "Bash");
    toolUse.putObject("input").put("command", "export " + s.next() + " && ./deploy.sh");
    ArrayNode user = messages.addObject().put("role", "user").putArray("content");
    user.addObject()
        .put("type", "tool_result")
        .put("tool_use_id", "toolu_01")
        .put("content", "deploy.sh: " + s.next() + "\n" + s.next());
    user.addObject().put("type", "text").put("text", "Also: " + s.next() + " é ✓ 😀");
    messages
        .addObject()
        .put("role", "assistant")
        .put("content", s.next() + "\n" + s.next() + "\n" + s.next());
    root.putObject("metadata").put("user_id", "user_0123456789abcdef");
    root.putArray("tools")
        .addObject()
        .put("name", "Bash")
        .put("description", "Runs a command")
        .putObject("input_schema")
        .put("type", "object");
    return MAPPER.writeValueAsBytes(root);
  }

  /** A Codex-like Responses request with ten secrets in content positions. */
  private static byte[] openAiRequest(PlantedSecrets s) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("model", "gpt-5-codex").put("instructions", "You are Codex. " + s.next());
    ArrayNode input = root.putArray("input");
    ObjectNode user = input.addObject().put("type", "message").put("role", "user");
    user.putArray("content")
        .addObject()
        .put("type", "input_text")
        .put("text", "Rotate these: " + s.next() + "\n" + s.next());
    input
        .addObject()
        .put("type", "function_call")
        .put("call_id", "call_1")
        .put("name", "shell")
        .put("arguments", "{\"command\":[\"bash\",\"-lc\"," + quoted(s.next()) + "]}");
    input
        .addObject()
        .put("type", "function_call_output")
        .put("call_id", "call_1")
        .put("output", s.next() + "\n" + s.next() + "\n" + s.next());
    ObjectNode assistant = input.addObject().put("type", "message").put("role", "assistant");
    assistant
        .putArray("content")
        .addObject()
        .put("type", "output_text")
        .put("text", s.next() + " " + s.next() + " " + s.next());
    root.putObject("reasoning").put("effort", "medium");
    root.put("store", false);
    return MAPPER.writeValueAsBytes(root);
  }

  /** The body as sent with each secret's JSON spelling replaced by its placeholder. */
  private static String redacted(byte[] body, PlantedSecrets secrets) {
    String text = new String(body, StandardCharsets.UTF_8);
    for (PlantedSecrets.Secret s : secrets.planted()) {
      String spelling = spelling(s.secret());
      assertThat(text).contains(spelling);
      text = text.replace(spelling, "[REDACTED:" + s.kind() + "]");
    }
    return text;
  }

  /** How Jackson spells {@code value} inside a JSON string (without the quotes). */
  private static String spelling(String value) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(value));
  }

  /** {@code value} as a JSON string literal. */
  private static String quoted(String value) {
    return "\"" + spelling(value) + "\"";
  }

  /** A compressing output stream over a sink. */
  private interface Compressor {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  private static byte[] compress(byte[] body, Compressor compressor) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = compressor.wrap(bytes)) {
      out.write(body);
    }
    return bytes.toByteArray();
  }
}
