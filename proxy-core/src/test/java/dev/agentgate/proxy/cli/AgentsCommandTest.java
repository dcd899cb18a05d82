package dev.agentgate.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentgate.policy.agents.AgentCatalog;
import dev.agentgate.proxy.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AgentsCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void listsOneAgentALineAfterAHeader() {
    int exit = run("agents");

    List<String> lines = out.toString().lines().toList();
    assertThat(exit).isZero();
    assertThat(lines.get(0)).startsWith("ID").contains("NAME", "VENDOR", "HOSTS", "TLS FAMILIES");
    assertThat(lines).hasSize(AgentCatalog.builtIn().agents().size() + 1);
    assertThat(lines)
        .filteredOn(l -> l.startsWith("claude-code "))
        .singleElement()
        .asString()
        .contains(
            "Claude Code",
            "Anthropic",
            "model-api:1 auth:3 telemetry:3 update:2 other:3",
            "bun,node-18");
    assertThat(lines)
        .filteredOn(l -> l.startsWith("anthropic-sdk "))
        .singleElement()
        .asString()
        .endsWith("any");
  }

  @Test
  void jsonHasEveryAgentAndFamily() throws Exception {
    int exit = run("agents", "--json");

    JsonNode doc = new ObjectMapper().readTree(out.toString());
    assertThat(exit).isZero();
    assertThat(doc.get("agents")).hasSize(AgentCatalog.builtIn().agents().size());
    assertThat(doc.get("families")).hasSize(AgentCatalog.builtIn().families().size());
    assertThat(doc.get("agents").get(0).get("id").asText()).isEqualTo("claude-code");
    assertThat(doc.get("agents").get(0).get("endpoints").get(0).has("category")).isTrue();
  }

  @Test
  void familiesListsTheTlsRuntimes() {
    int exit = run("agents", "--families");

    assertThat(exit).isZero();
    assertThat(out.toString().lines())
        .anyMatch(l -> l.startsWith("bun ") && l.contains("*_5b57614c22b0_*"))
        .anyMatch(l -> l.startsWith("node-22 ") && l.contains(" - "));
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(run("agents", "--bogus")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--bogus'");
  }
}
