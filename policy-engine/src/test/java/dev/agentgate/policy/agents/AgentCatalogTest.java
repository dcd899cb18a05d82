package dev.agentgate.policy.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentCatalogTest {
  private final AgentCatalog catalog = AgentCatalog.builtIn();

  @Test
  void builtInCatalogHoldsTheRequiredAgents() {
    List<AgentDefinition> agents =
        catalog.agents().stream().filter(a -> !a.id().endsWith("-sdk")).toList();

    assertThat(agents).hasSizeGreaterThanOrEqualTo(15);
    assertThat(catalog.ids())
        .contains(
            "claude-code",
            "codex",
            "github-copilot",
            "github-copilot-cli",
            "cursor",
            "windsurf",
            "gemini-cli",
            "qoder",
            "tongyi-lingma",
            "trae",
            "amazon-q",
            "kiro",
            "jetbrains-ai",
            "cline",
            "roo-code",
            "continue",
            "opencode",
            "amp",
            "zed",
            "aider",
            "augment",
            "kilo-code",
            "qwen-code",
            "anthropic-sdk",
            "openai-sdk",
            "google-genai-sdk");
  }

  @Test
  void everyAgentHasHostsAndAMarker() {
    List<String> hostOnly = new ArrayList<>();
    for (AgentDefinition a : catalog.agents()) {
      assertThat(a.endpoints()).as(a.id() + " hosts").isNotEmpty();
      boolean headerMarker = !a.userAgentPrefixes().isEmpty() || !a.headerMarkers().isEmpty();
      boolean ownHost = a.exclusiveHosts() && a.endpoints().stream().anyMatch(e -> !e.shared());
      assertThat(headerMarker || ownHost).as(a.id() + " marker").isTrue();
      if (!headerMarker) {
        hostOnly.add(a.id());
      }
    }
    // No public facts about their headers yet: only their own hosts identify them.
    assertThat(hostOnly).containsExactlyInAnyOrder("amp", "augment");
  }

  @Test
  void familiesCoverTheRuntimesAndEveryReferenceResolves() {
    Set<String> ids =
        catalog.families().stream().map(AgentDefinition.TlsFamily::id).collect(Collectors.toSet());

    assertThat(ids)
        .contains(
            "bun",
            "node-18",
            "node-20",
            "node-22",
            "node-24",
            "electron-node",
            "chromium",
            "rustls",
            "go",
            "python",
            "jdk",
            "openssl",
            "curl");
    for (AgentDefinition a : catalog.agents()) {
      assertThat(ids).as(a.id()).containsAll(a.tlsFamilies());
      assertThat(catalog.check(a)).as(a.id()).isEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource({
    // captured agents (agent-captures/index.tsv and clienthello-variants.txt)
    "t13d1714h1_5b57614c22b0_43ade6aba3df, bun",
    "t13d171000_5b57614c22b0_78e6aca7449b, bun",
    "t13d1011h2_61a7ad8aa9b6_0d308c48d2a3, rustls",
    "t13d101000_61a7ad8aa9b6_0d308c48d2a3, rustls",
    "t13d3012h1_1d37bd780c83_8e6e362c5eac, node-24 openssl",
    "t13d3012h2_1d37bd780c83_8e6e362c5eac, node-24 openssl",
    "t13d5911h1_a33745022dd6_1f22a2ca17c4, node-20",
    "t13d5912h1_a33745022dd6_dbd39dd1d406, node-20",
    // local clients (testdata/tls-clienthello local_* vectors)
    "t13i590900_a33745022dd6_1f22a2ca17c4, node-20",
    "t13d3713h2_db35923f8641_7c76daad20ec, jdk",
    "t13d3113h2_1d947a95fc68_7e1102d2036b, jdk",
    "t13d181100_85036bcba153_d41ae481755e, python",
    "t13d1910h2_9dc949149365_97f8aa674fd9, go",
    "t13d3112h2_e8f1e7e78f70_b26ce05bbdd6, openssl curl",
    "t13d311000_e8f1e7e78f70_1f22a2ca17c4, openssl",
    "t13d1516h2_8daaf6152771_02713d6af862, chromium",
    "t13d1213h2_ed40b14a4398_03aaa766dde5, ''"
  })
  void ja4ValuesFallIntoTheirRuntimeFamilies(String ja4, String expected) {
    Ja4Families families = new Ja4Families(catalog.families());

    String names = families.names(families.match(ja4)).replace(",", "");
    assertThat(Set.of(names.split(" +"))).isEqualTo(Set.of(expected.split(" +")));
  }

  @Test
  void withAgentsReplacesByIdInPlaceAndAppendsNewOnes() {
    AgentDefinition replacement =
        new AgentDefinition(
            "claude-code",
            "Claude Code (internal gateway)",
            "Anthropic",
            List.of(new AgentDefinition.Endpoint("llm.corp.example", "model-api", null)),
            List.of("claude-cli/"),
            Map.of(),
            List.of("bun"),
            true);
    AgentDefinition added =
        new AgentDefinition(
            "corp-agent",
            "Corp Agent",
            "Example Corp",
            List.of(new AgentDefinition.Endpoint("agent.corp.example", "model-api", null)),
            List.of("corp-agent/"),
            Map.of("x-corp-agent", ".*"),
            List.of("jdk"),
            true);

    AgentCatalog merged = catalog.withAgents(List.of(replacement, added));

    assertThat(merged.find("claude-code")).contains(replacement);
    assertThat(merged.find("corp-agent")).contains(added);
    assertThat(List.copyOf(merged.ids()).indexOf("claude-code"))
        .isEqualTo(List.copyOf(catalog.ids()).indexOf("claude-code"));
    assertThat(List.copyOf(merged.ids())).last().isEqualTo("corp-agent");
    assertThat(merged.agents()).hasSize(catalog.agents().size() + 1);
    assertThat(catalog.find("claude-code")).isNotEqualTo(merged.find("claude-code"));
  }

  @Test
  void aBrokenAgentIsRejectedWithEveryProblemAtOnce() {
    AgentDefinition broken =
        new AgentDefinition(
            "Bad Agent",
            "Bad",
            "",
            List.of(
                new AgentDefinition.Endpoint("api.*.example.com", "model-api", null),
                new AgentDefinition.Endpoint("ok.example.com", "chat", "no-slash")),
            List.of(),
            Map.of("x-marker", "([unclosed"),
            List.of("node-99"),
            true);

    assertThatThrownBy(() -> catalog.withAgents(List.of(broken)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id: Bad Agent (expected:")
        .hasMessageContaining("host: api.*.example.com (expected:")
        .hasMessageContaining("category: chat (expected: one of auth, indexing, model-api")
        .hasMessageContaining("path: no-slash (expected:")
        .hasMessageContaining("header-marker x-marker: ([unclosed (expected: a regular expression")
        .hasMessageContaining("tls-family: node-99 (expected: one of");
  }

  @Test
  void duplicateIdsAreRejected() {
    AgentDefinition a = catalog.find("zed").orElseThrow();

    assertThatThrownBy(() -> AgentCatalog.of(List.of(a, a), catalog.families()))
        .hasMessageContaining("agent zed: duplicate id");
  }

  @Test
  void agentYamlReadsAPolicyStyleEntryAndReportsUnknownKeys() throws Exception {
    JsonNode node =
        new ObjectMapper(new YAMLFactory())
            .readTree(
                String.join(
                    "\n",
                    "id: corp-agent",
                    "vendor: Example Corp",
                    "hosts:",
                    "  model-api: [llm.corp.example, api.corp.example/v1/agent]",
                    "shared-hosts:",
                    "  model-api: [api.openai.com]",
                    "user-agent-prefixes: [corp-agent/]",
                    "header-markers: {X-Corp-Agent: '^v\\d'}",
                    "tls-families: [jdk]",
                    "colour: blue"));
    List<String> problems = new ArrayList<>();

    AgentDefinition a = AgentYaml.agent(node, (key, message) -> problems.add(message));

    assertThat(problems).singleElement().asString().startsWith("colour: unknown key (expected:");
    assertThat(a.id()).isEqualTo("corp-agent");
    assertThat(a.name()).isEqualTo("corp-agent");
    assertThat(a.exclusiveHosts()).isTrue();
    assertThat(a.endpoints())
        .containsExactly(
            new AgentDefinition.Endpoint("llm.corp.example", "model-api", null, false),
            new AgentDefinition.Endpoint("api.corp.example", "model-api", "/v1/agent", false),
            new AgentDefinition.Endpoint("api.openai.com", "model-api", null, true));
    assertThat(a.headerMarkers()).containsEntry("x-corp-agent", "^v\\d");
    assertThat(catalog.check(a)).isEmpty();
  }

  @Test
  void aCatalogDocumentWithARepeatedKeyIsRejected() {
    String doc =
        String.join(
            "\n",
            "families: []",
            "agents:",
            "  - id: a",
            "    hosts: {model-api: [a.example]}",
            "    hosts: {model-api: [b.example]}");

    assertThatThrownBy(
            () ->
                CatalogReader.read(
                    new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), "test.yaml"))
        .hasMessageContaining("Duplicate field 'hosts'");
  }

  @Test
  void theBuiltInResourceReadsBackToTheBuiltInCatalog() throws Exception {
    try (InputStream in = AgentCatalog.class.getResourceAsStream(AgentCatalog.RESOURCE)) {
      AgentCatalog read = CatalogReader.read(in, "catalog.yaml");
      assertThat(read.agents()).isEqualTo(catalog.agents());
      assertThat(read.families()).isEqualTo(catalog.families());
    }
  }
}
