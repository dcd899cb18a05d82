package dev.agentgate.policy.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Identification rules on synthetic facts: hosts, paths, phases, JA4 narrowing, header claims. */
class AgentIdentifierTest {
  private static final String CHROMIUM_JA4 = "t13d1516h2_8daaf6152771_02713d6af862";
  private static final String PYTHON_JA4 = "t13d181100_85036bcba153_d41ae481755e";
  private static final String GO_JA4 = "t13d1910h2_9dc949149365_97f8aa674fd9";

  private final AgentIdentifier identifier = AgentIdentifier.of(AgentCatalog.builtIn());

  private static EgressRequest connect(String host) {
    return EgressRequest.builder(Phase.CONNECT, host, 443).build();
  }

  private static EgressRequest tls(String host, String ja4) {
    return EgressRequest.builder(Phase.TLS, host, 443)
        .tls(true, host, List.of("h2"), null, ja4)
        .build();
  }

  private static EgressRequest http(String host, String path, Map<String, List<String>> headers) {
    return EgressRequest.builder(Phase.HTTP, host, 443)
        .tls(true, host, List.of("h2"), null, null)
        .http("POST", path, headers)
        .build();
  }

  @Test
  void anExclusiveHostIdentifiesItsAgentAtConnect() {
    Identification id = identifier.identify(connect("api2.cursor.sh"));

    assertThat(id.agentId()).isEqualTo("cursor");
    assertThat(id.candidates()).isEmpty();
    assertThat(id.confidence()).isEqualTo(Confidence.HOST);
    assertThat(id.endpointCategory()).isEqualTo("model-api");
    assertThat(id.evidence())
        .containsExactly("destination api2.cursor.sh (model-api): belongs to cursor");
  }

  @Test
  void theMostSpecificHostPatternGivesTheCategory() {
    assertThat(identifier.identify(connect("agent.api5.cursor.sh")).agentId()).isEqualTo("cursor");
    assertThat(identifier.identify(connect("metrics.cursor.sh")).endpointCategory())
        .isEqualTo("telemetry");
    assertThat(identifier.identify(connect("anything.cursor.sh")).endpointCategory())
        .isEqualTo("model-api");
    // "*.suffix" is for subdomains only.
    assertThat(identifier.identify(connect("cursor.sh"))).isEqualTo(Identification.UNKNOWN);
    assertThat(identifier.identify(connect("notcursor.sh"))).isEqualTo(Identification.UNKNOWN);
  }

  @Test
  void anUnknownHostIsUnknown() {
    assertThat(identifier.identify(connect("example.org"))).isEqualTo(Identification.UNKNOWN);
    assertThat(identifier.identify(tls("example.org", PYTHON_JA4)).confidence())
        .isEqualTo(Confidence.NONE);
  }

  @Test
  void aHostSharedWithClientsOutsideTheCatalogNeverIdentifiesAlone() {
    Identification id = identifier.identify(connect("claude.ai"));

    assertThat(id.agentId()).isNull();
    assertThat(id.candidates()).containsExactly("claude-code");
    assertThat(id.evidence()).singleElement().asString().contains("clients outside the catalog");
  }

  @Test
  void factsOfALaterPhaseAreIgnored() {
    EgressRequest withEverything =
        EgressRequest.builder(Phase.CONNECT, "api.anthropic.com", 443)
            .tls(true, "api.anthropic.com", List.of(), null, PYTHON_JA4)
            .http("POST", "/v1/messages", Map.of("User-Agent", List.of("claude-cli/2.1.0")))
            .build();

    assertThat(identifier.identify(withEverything))
        .isEqualTo(identifier.identify(connect("api.anthropic.com")));
  }

  @Test
  void pathPrefixesSplitASharedHost() {
    Identification atConnect = identifier.identify(connect("chatgpt.com"));
    assertThat(atConnect.candidates()).containsExactly("codex", "cline", "roo-code");
    assertThat(atConnect.endpointCategory()).isNull();

    Identification codexPath =
        identifier.identify(http("chatgpt.com", "/backend-api/codex/responses", null));
    assertThat(codexPath.endpointCategory()).isEqualTo("model-api");
    assertThat(codexPath.candidates()).containsExactly("codex", "cline", "roo-code");

    Identification elsewhere = identifier.identify(http("chatgpt.com", "/c/123", null));
    assertThat(elsewhere).isEqualTo(Identification.UNKNOWN);
  }

  @Test
  void aJa4OfTheExclusiveAgentsRuntimeRaisesConfidence() {
    Identification id = identifier.identify(tls("api2.cursor.sh", CHROMIUM_JA4));

    assertThat(id.agentId()).isEqualTo("cursor");
    assertThat(id.confidence()).isEqualTo(Confidence.HOST_TLS);
  }

  @Test
  void aForeignJa4OnAnExclusiveHostKeepsTheAgentAtHostConfidence() {
    Identification id = identifier.identify(tls("api2.cursor.sh", PYTHON_JA4));

    assertThat(id.agentId()).isEqualTo("cursor");
    assertThat(id.confidence()).isEqualTo(Confidence.HOST);
    assertThat(id.evidence()).contains("tls: cursor does not ship with python");
  }

  @Test
  void aJa4OfNoKnownFamilyNeitherNarrowsNorRaises() {
    Identification connect = identifier.identify(connect("api.anthropic.com"));
    Identification id =
        identifier.identify(tls("api.anthropic.com", "t13d0000h2_000000000000_000000000000"));

    assertThat(id.candidates()).isEqualTo(connect.candidates());
    assertThat(id.confidence()).isEqualTo(Confidence.HOST);
    assertThat(id.evidence()).contains("tls: ja4 fits no known runtime family");
  }

  @Test
  void aPythonJa4OnASharedHostLeavesPythonAgentsAndSdks() {
    Identification id = identifier.identify(tls("api.anthropic.com", PYTHON_JA4));

    assertThat(id.agentId()).isNull();
    assertThat(id.candidates()).containsExactly("aider", "anthropic-sdk");
    assertThat(id.confidence()).isEqualTo(Confidence.HOST_TLS);
  }

  @Test
  void theJa4NarrowsButNeverEmptiesTheCandidates() {
    // Only Claude Code uses claude.ai (besides browsers); Go is not one of its runtimes.
    Identification id = identifier.identify(tls("claude.ai", GO_JA4));

    assertThat(id.candidates()).containsExactly("claude-code");
    assertThat(id.confidence()).isEqualTo(Confidence.HOST);
    assertThat(id.evidence())
        .contains("tls: fits none of the destination's agents; candidates kept");
  }

  @Test
  void headersNameTheAgentEvenOnAnotherAgentsHost() {
    Identification id =
        identifier.identify(
            http(
                "chatgpt.com",
                "/backend-api/codex/responses",
                Map.of("originator", List.of("roo-code"), "User-Agent", List.of("roo-code/3.1"))));

    assertThat(id.agentId()).isEqualTo("roo-code");
    assertThat(id.confidence()).isEqualTo(Confidence.HEADERS);
    assertThat(id.endpointCategory()).isEqualTo("model-api");
  }

  @Test
  void headersIdentifyAnAgentBehindAGatewayTheCatalogDoesNotKnow() {
    Identification id =
        identifier.identify(
            http(
                "llm-gateway.corp.example",
                "/v1/messages",
                Map.of(
                    "x-app",
                    List.of("cli"),
                    "user-agent",
                    List.of("claude-cli/2.1.3 (external, cli)"))));

    assertThat(id.agentId()).isEqualTo("claude-code");
    assertThat(id.confidence()).isEqualTo(Confidence.HEADERS);
    assertThat(id.endpointCategory()).isNull();
  }

  @Test
  void sdkHeadersAloneNameTheSdk() {
    Map<String, List<String>> sdkOnly = Map.of("anthropic-version", List.of("2023-06-01"));

    Identification id = identifier.identify(http("api.anthropic.com", "/v1/messages", sdkOnly));
    assertThat(id.agentId()).isEqualTo("anthropic-sdk");
    assertThat(id.confidence()).isEqualTo(Confidence.HEADERS);
  }

  @Test
  void aTieBetweenAgentsIsBrokenByTheDestination() {
    // One Qoder marker and one Lingma marker: a tie, but only Qoder uses api1.qoder.sh.
    Map<String, List<String>> both =
        Map.of("cosy-data-policy", List.of("AGREE"), "cosy-bodyhash", List.of("abc"));

    Identification id = identifier.identify(http("api1.qoder.sh", "/algo/api/v2/x", both));
    assertThat(id.agentId()).isEqualTo("qoder");
    assertThat(id.evidence()).contains("header cosy-data-policy present");
  }

  @Test
  void aTieThatTheDestinationCannotBreakIsNoClaim() {
    // Qoder and Lingma both list lingma.alibabacloud.com; these markers give each one point.
    Map<String, List<String>> both =
        Map.of("cosy-data-policy", List.of("AGREE"), "cosy-bodyhash", List.of("abc"));

    Identification id =
        identifier.identify(http("lingma.alibabacloud.com", "/algo/api/v2/x", both));
    assertThat(id.agentId()).isNull();
    assertThat(id.claimedAgent()).isNull();
    assertThat(id.candidates()).containsExactly("qoder", "tongyi-lingma");
    assertThat(id.evidence()).contains("headers fit qoder, tongyi-lingma alike");
  }

  @Test
  void anIpLiteralDestinationIsLookedUpBySni() {
    EgressRequest ip =
        EgressRequest.builder(Phase.TLS, "104.18.0.1", 443)
            .tls(true, "api2.cursor.sh", List.of("h2"), null, CHROMIUM_JA4)
            .build();

    Identification id = identifier.identify(ip);
    assertThat(id.agentId()).isEqualTo("cursor");
    assertThat(id.evidence())
        .contains("destination is an IP literal: looked up the SNI api2.cursor.sh");
  }

  @Test
  void aTrailingDotIsTheSameHost() {
    assertThat(identifier.identify(connect("api2.cursor.sh.")).agentId()).isEqualTo("cursor");
  }

  @Test
  void anAgentAddedByAPolicyIsIdentifiedByItsHostAndHeaders() {
    AgentDefinition corp =
        new AgentDefinition(
            "corp-agent",
            "Corp Agent",
            "Example Corp",
            List.of(new AgentDefinition.Endpoint("agent.corp.example", "model-api", null)),
            List.of("corp-agent/"),
            Map.of(),
            List.of("jdk"),
            true);
    AgentIdentifier withCorp = AgentIdentifier.of(AgentCatalog.builtIn().withAgents(List.of(corp)));

    assertThat(withCorp.identify(connect("agent.corp.example")).agentId()).isEqualTo("corp-agent");
    Identification claimed =
        withCorp.identify(
            http(
                "api.openai.com",
                "/v1/responses",
                Map.of("user-agent", List.of("Corp-Agent/1.0"))));
    assertThat(claimed.agentId()).isEqualTo("corp-agent");
    assertThat(identifier.identify(connect("agent.corp.example")))
        .isEqualTo(Identification.UNKNOWN);
  }
}
