package dev.agentgate.proxy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.agentgate.policy.agents.AgentCatalog;
import dev.agentgate.policy.agents.AgentChecks;
import dev.agentgate.policy.agents.AgentDefinition;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agentgate agents}: the built-in agent catalog, one agent a line (or JSON). */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description = {
      "List the built-in agent catalog: one agent a line with its id, name, vendor, hosts per"
          + " category and TLS runtime families.",
      "A policy's agents: entries add to it or replace entries by id."
    })
public final class AgentsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print the whole catalog (agents and families) as JSON.")
  private boolean json;

  @Option(names = "--families", description = "List the TLS runtime families instead of agents.")
  private boolean families;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    AgentCatalog catalog = AgentCatalog.builtIn();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("families", catalog.families());
      doc.put("agents", catalog.agents());
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    } else if (families) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"FAMILY", "JA4 PATTERNS", "DESCRIPTION"});
      for (AgentDefinition.TlsFamily f : catalog.families()) {
        String patterns = f.ja4Patterns().isEmpty() ? "-" : String.join(" ", f.ja4Patterns());
        rows.add(new String[] {f.id(), patterns, f.description()});
      }
      printTable(rows, out);
    } else {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ID", "NAME", "VENDOR", "HOSTS", "TLS FAMILIES"});
      for (AgentDefinition a : catalog.agents()) {
        String tls = a.tlsFamilies().isEmpty() ? "any" : String.join(",", a.tlsFamilies());
        rows.add(new String[] {a.id(), a.name(), a.vendor(), hostCounts(a), tls});
      }
      printTable(rows, out);
    }
    out.flush();
    return 0;
  }

  /** "model-api:2 telemetry:1": the number of endpoints per category. */
  private static String hostCounts(AgentDefinition agent) {
    List<String> parts = new ArrayList<>();
    for (String category : AgentChecks.CATEGORY_ORDER) {
      long n = agent.endpoints().stream().filter(e -> category.equals(e.category())).count();
      if (n > 0) {
        parts.add(category + ":" + n);
      }
    }
    return String.join(" ", parts);
  }

  /** Left-aligned columns; the last column is not padded. */
  private static void printTable(List<String[]> rows, PrintWriter out) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns - 1; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        line.append(row[c]);
        if (c < columns - 1) {
          line.append(" ".repeat(width[c] - row[c].length() + 2));
        }
      }
      out.println(line);
    }
  }
}
