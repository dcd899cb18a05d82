package dev.agentgate.policy.agents;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a catalog document ({@code families:} and {@code agents:}) into an {@link AgentCatalog}.
 */
final class CatalogReader {
  private CatalogReader() {}

  /** The catalog in a classpath resource; a broken built-in catalog is a build defect. */
  static AgentCatalog readResource(String resource) {
    try (InputStream in = CatalogReader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("agent catalog resource missing: " + resource);
      }
      return read(in, resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read agent catalog " + resource, e);
    }
  }

  /** The catalog in {@code in}; every problem is reported at once in the exception. */
  static AgentCatalog read(InputStream in, String name) throws IOException {
    // A repeated key would otherwise silently replace the first one.
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root = yaml.readTree(in);
    List<String> problems = new ArrayList<>();
    List<AgentDefinition.TlsFamily> families = new ArrayList<>();
    List<AgentDefinition> agents = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(name + ": expected a mapping with families and agents");
    }
    JsonNode familyNodes = root.path("families");
    for (int i = 0; i < familyNodes.size(); i++) {
      String where = name + ": families[" + i + "]";
      AgentDefinition.TlsFamily f =
          AgentYaml.family(familyNodes.get(i), (key, msg) -> problems.add(where + " " + msg));
      if (f != null) {
        families.add(f);
      }
    }
    JsonNode agentNodes = root.path("agents");
    for (int i = 0; i < agentNodes.size(); i++) {
      String where = name + ": agents[" + i + "]";
      AgentDefinition a =
          AgentYaml.agent(agentNodes.get(i), (key, msg) -> problems.add(where + " " + msg));
      if (a != null) {
        agents.add(a);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return AgentCatalog.of(agents, families);
  }
}
