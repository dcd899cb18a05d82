package dev.agentgate.policy.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Identification of six agents from their real request headers and ClientHello fingerprints. */
class CapturedAgentsTest {
  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("authorization", "x-api-key", "x-goog-api-key", "cookie");
  private final AgentIdentifier identifier = AgentIdentifier.of(AgentCatalog.builtIn());

  @ParameterizedTest
  @CsvSource({
    "claude-code, claude-code",
    "codex, codex",
    "copilot-cli, github-copilot-cli",
    "gemini-cli, gemini-cli",
    "opencode, opencode",
    "qwen-code, qwen-code"
  })
  void headersAndJa4IdentifyEachCapturedAgent(String capture, String expected) {
    Identification id = identifier.identify(Capture.of(capture).at(Phase.HTTP));

    assertThat(id.agentId()).isEqualTo(expected);
    assertThat(id.claimedAgent()).isEqualTo(expected);
    assertThat(id.confidence()).isEqualTo(Confidence.HEADERS);
    assertThat(id.impersonation()).isFalse();
    assertThat(id.candidates()).isEmpty();
    assertThat(id.endpointCategory()).isEqualTo("model-api");
    assertThat(id.evidence()).anyMatch(e -> e.startsWith("tls: ja4 fits runtime family"));
  }

  @ParameterizedTest
  @CsvSource({"claude-code", "codex", "copilot-cli", "gemini-cli", "opencode", "qwen-code"})
  void evidenceNeverRepeatsCredentialsOrIdentifiers(String capture) {
    Capture c = Capture.of(capture);
    Identification id = identifier.identify(c.at(Phase.HTTP));

    c.headers()
        .forEach(
            (name, values) -> {
              for (String v : values) {
                boolean credential = CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT));
                boolean identifier = v.length() >= 16 && v.chars().anyMatch(Character::isDigit);
                if (credential || identifier) {
                  assertThat(id.evidence()).noneMatch(e -> e.contains(v));
                }
              }
            });
  }

  @Test
  void aMarkerOnACredentialHeaderNamesTheHeaderNotTheValue() {
    String token = "Bearer COSY.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl";
    EgressRequest qoder =
        EgressRequest.builder(Phase.HTTP, "api1.qoder.sh", 443)
            .http(
                "POST",
                "/algo/api/v2/service/pro/sse/agent_chat_generation",
                Map.of("Authorization", List.of(token)))
            .build();

    Identification id = identifier.identify(qoder);
    assertThat(id.agentId()).isEqualTo("qoder");
    assertThat(id.evidence()).contains("header authorization matches ^Bearer COSY\\.");
    assertThat(id.evidence()).noneMatch(e -> e.contains("c2VjcmV0"));
  }

  @Test
  void claudeCodeAndOpencodeShareTheBunJa4AndDifferOnlyByHeaders() {
    Capture claude = Capture.of("claude-code");
    Capture opencode = Capture.of("opencode");
    assertThat(claude.host()).isEqualTo(opencode.host()).isEqualTo("api.anthropic.com");
    assertThat(claude.ja4()).isEqualTo(opencode.ja4());

    Identification claudeTls = identifier.identify(claude.at(Phase.TLS));
    Identification opencodeTls = identifier.identify(opencode.at(Phase.TLS));
    assertThat(claudeTls).isEqualTo(opencodeTls);
    assertThat(claudeTls.agentId()).isNull();
    assertThat(claudeTls.candidates())
        .contains("claude-code", "opencode", "anthropic-sdk")
        .doesNotContain("aider", "cline", "roo-code");
    assertThat(claudeTls.confidence()).isEqualTo(Confidence.HOST_TLS);

    assertThat(identifier.identify(claude.at(Phase.HTTP)).agentId()).isEqualTo("claude-code");
    assertThat(identifier.identify(opencode.at(Phase.HTTP)).agentId()).isEqualTo("opencode");
  }

  @Test
  void sharedHostAtConnectGivesCandidatesAndNoAgent() {
    Identification id = identifier.identify(Capture.of("claude-code").at(Phase.CONNECT));

    assertThat(id.agentId()).isNull();
    assertThat(id.candidates()).contains("claude-code", "opencode", "anthropic-sdk", "aider");
    assertThat(id.confidence()).isEqualTo(Confidence.HOST);
    assertThat(id.endpointCategory()).isEqualTo("model-api");
  }

  @Test
  void codexRustlsJa4NarrowsApiOpenaiComToRustlsAgentsAndSdks() {
    Identification tls = identifier.identify(Capture.of("codex").at(Phase.TLS));

    assertThat(tls.agentId()).isNull();
    assertThat(tls.candidates())
        .contains("codex", "openai-sdk")
        .doesNotContain("aider", "cline", "roo-code", "opencode", "qwen-code");
    assertThat(tls.evidence()).contains("tls: ja4 fits runtime family rustls");
  }

  @Test
  void copilotCliAndIdeShareHostsUntilHeadersTell() {
    Capture copilot = Capture.of("copilot-cli");

    Identification connect = identifier.identify(copilot.at(Phase.CONNECT));
    assertThat(connect.agentId()).isNull();
    assertThat(connect.candidates()).containsExactly("github-copilot", "github-copilot-cli");

    Identification tls = identifier.identify(copilot.at(Phase.TLS));
    assertThat(tls.confidence()).isEqualTo(Confidence.HOST_TLS);
    assertThat(tls.evidence()).contains("tls: ja4 fits runtime family node-24");

    Identification http = identifier.identify(copilot.at(Phase.HTTP));
    assertThat(http.agentId()).isEqualTo("github-copilot-cli");
    assertThat(http.evidence())
        .contains(
            "user-agent starts with copilot/",
            "header copilot-integration-id matches ^copilot-developer-cli");
  }

  @Test
  void geminiCliAndQwenCodeShareTheNode20Ja4AndDifferByHeaders() {
    Capture gemini = Capture.of("gemini-cli");
    Capture qwen = Capture.of("qwen-code");
    assertThat(gemini.ja4()).isEqualTo(qwen.ja4());

    assertThat(identifier.identify(gemini.at(Phase.TLS)).evidence())
        .contains("tls: ja4 fits runtime family node-20");
    assertThat(identifier.identify(gemini.at(Phase.HTTP)).agentId()).isEqualTo("gemini-cli");
    assertThat(identifier.identify(qwen.at(Phase.HTTP)).agentId()).isEqualTo("qwen-code");

    // Qwen Code's request sent to Gemini's host: the headers still name Qwen Code, and its
    // runtime (Node 20) is plausible for it, so it is no impersonation.
    EgressRequest qwenAtGoogle =
        EgressRequest.builder(Phase.HTTP, gemini.host(), 443)
            .tls(true, gemini.host(), List.of("http/1.1"), null, qwen.ja4())
            .http(qwen.method(), qwen.path(), qwen.headers())
            .build();
    Identification id = identifier.identify(qwenAtGoogle);
    assertThat(id.agentId()).isEqualTo("qwen-code");
    assertThat(id.impersonation()).isFalse();
    assertThat(id.evidence()).contains("destination is not one the catalog lists for qwen-code");
  }

  @ParameterizedTest
  @CsvSource({
    "python, t13d181100_85036bcba153_d41ae481755e",
    "go, t13d1910h2_9dc949149365_97f8aa674fd9",
    "jdk, t13d3713h2_db35923f8641_7c76daad20ec"
  })
  void claudeCodeHeadersOnAForeignRuntimeAreAnImpersonation(String family, String ja4) {
    Identification id = identifier.identify(Capture.of("claude-code").withJa4(ja4));

    assertThat(id.impersonation()).isTrue();
    assertThat(id.claimedAgent()).isEqualTo("claude-code");
    assertThat(id.agentId()).isNull();
    assertThat(id.confidence()).isNotEqualTo(Confidence.HEADERS);
    assertThat(id.evidence())
        .anyMatch(
            e -> e.startsWith("impersonation: headers claim claude-code") && e.contains(family));
  }

  @Test
  void claudeCodeHeadersOnNodeAreNoImpersonationBecauseTheNpmBuildRunsOnNode() {
    Identification id =
        identifier.identify(Capture.of("claude-code").withJa4(Capture.of("gemini-cli").ja4()));

    assertThat(id.impersonation()).isFalse();
    assertThat(id.agentId()).isEqualTo("claude-code");
  }

  @Test
  void claudeCodeTelemetryPathIsTelemetryOfClaudeCodeEvenWithoutHeaders() {
    Capture claude = Capture.of("claude-code");
    EgressRequest telemetry =
        claude.at(Phase.TLS).toBuilder()
            .phase(Phase.HTTP)
            .http("POST", "/api/event_logging/v2/batch", null)
            .build();

    Identification id = identifier.identify(telemetry);
    assertThat(id.agentId()).isEqualTo("claude-code");
    assertThat(id.endpointCategory()).isEqualTo("telemetry");
    assertThat(id.confidence()).isEqualTo(Confidence.HOST_TLS);
  }
}
