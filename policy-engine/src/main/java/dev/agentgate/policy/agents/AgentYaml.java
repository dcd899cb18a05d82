package dev.agentgate.policy.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one agent or TLS family entry from a YAML tree: the format of the built-in catalog and of a
 * policy's {@code agents:} entries. Problems are reported with the key they concern, so a caller
 * that knows where the node sits in its file can point at it.
 *
 * <pre>
 * - id: my-agent                 # AgentDefinition.id
 *   name: My Agent               # name (default: the id)
 *   vendor: Example              # vendor
 *   exclusive-hosts: true        # exclusiveHosts (default true)
 *   hosts:                       # endpoints: category -> host, *.suffix or host/path-prefix
 *     model-api: [llm.example.com]
 *   shared-hosts:                # endpoints used by other clients too (Endpoint.shared)
 *     model-api: [api.openai.com]
 *   user-agent-prefixes: [my-agent/]
 *   header-markers: {x-my-agent: ".*"}
 *   tls-families: [node-20]
 * </pre>
 */
public final class AgentYaml {
  private static final Set<String> AGENT_KEYS =
      Set.of(
          "id",
          "name",
          "vendor",
          "exclusive-hosts",
          "hosts",
          "shared-hosts",
          "user-agent-prefixes",
          "header-markers",
          "tls-families");
  private static final Set<String> FAMILY_KEYS = Set.of("id", "description", "ja4");

  /** Receives a problem: the key it concerns and a {@code name: value (expected: ...)} line. */
  @FunctionalInterface
  public interface Problems {
    void report(String key, String message);
  }

  private AgentYaml() {}

  /** The agent in {@code node}, or {@code null} when it has no usable id. */
  public static AgentDefinition agent(JsonNode node, Problems problems) {
    if (!node.isObject()) {
      problems.report("", "agent: " + node.getNodeType() + " (expected: a mapping)");
      return null;
    }
    unknownKeys(node, AGENT_KEYS, problems);
    String id = text(node, "id", null, problems);
    if (id == null) {
      problems.report("id", "id: missing (expected: the agent's id)");
      return null;
    }
    List<AgentDefinition.Endpoint> endpoints = new ArrayList<>();
    endpoints(node.get("hosts"), "hosts", false, endpoints, problems);
    endpoints(node.get("shared-hosts"), "shared-hosts", true, endpoints, problems);
    JsonNode exclusive = node.get("exclusive-hosts");
    if (exclusive != null && !exclusive.isBoolean()) {
      problems.report("exclusive-hosts", "exclusive-hosts: " + exclusive + " (expected: boolean)");
    }
    return new AgentDefinition(
        id,
        text(node, "name", id, problems),
        text(node, "vendor", "", problems),
        endpoints,
        strings(node.get("user-agent-prefixes"), "user-agent-prefixes", problems),
        markers(node.get("header-markers"), problems),
        strings(node.get("tls-families"), "tls-families", problems),
        exclusive == null || exclusive.asBoolean(true));
  }

  /** The TLS family in {@code node}, or {@code null} when it has no usable id. */
  public static AgentDefinition.TlsFamily family(JsonNode node, Problems problems) {
    if (!node.isObject()) {
      problems.report("", "family: " + node.getNodeType() + " (expected: a mapping)");
      return null;
    }
    unknownKeys(node, FAMILY_KEYS, problems);
    String id = text(node, "id", null, problems);
    if (id == null) {
      problems.report("id", "id: missing (expected: the family's id)");
      return null;
    }
    return new AgentDefinition.TlsFamily(
        id, text(node, "description", "", problems), strings(node.get("ja4"), "ja4", problems));
  }

  /** An endpoint from "host", "*.suffix" or "host/path-prefix". */
  public static AgentDefinition.Endpoint endpoint(String text, String category, boolean shared) {
    int slash = text.indexOf('/');
    String host = (slash < 0 ? text : text.substring(0, slash)).toLowerCase(Locale.ROOT);
    String path = slash < 0 ? null : text.substring(slash);
    return new AgentDefinition.Endpoint(host, category, path, shared);
  }

  private static void endpoints(
      JsonNode byCategory,
      String key,
      boolean shared,
      List<AgentDefinition.Endpoint> out,
      Problems problems) {
    if (byCategory == null) {
      return;
    }
    if (!byCategory.isObject()) {
      problems.report(key, key + ": " + byCategory + " (expected: category -> list of hosts)");
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = byCategory.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      for (String host : strings(e.getValue(), key + "." + e.getKey(), problems)) {
        out.add(endpoint(host, e.getKey(), shared));
      }
    }
  }

  private static Map<String, String> markers(JsonNode node, Problems problems) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      problems.report(
          "header-markers", "header-markers: " + node + " (expected: header name -> regex)");
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        problems.report(
            "header-markers." + e.getKey(),
            "header-markers." + e.getKey() + ": " + e.getValue() + " (expected: a regex string)");
        continue;
      }
      out.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText());
    }
    return out;
  }

  private static List<String> strings(JsonNode node, String key, Problems problems) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isTextual()) {
      out.add(node.asText());
      return out;
    }
    if (!node.isArray()) {
      problems.report(key, key + ": " + node + " (expected: a list of strings)");
      return out;
    }
    for (JsonNode item : node) {
      if (item.isTextual()) {
        out.add(item.asText());
      } else {
        problems.report(key, key + ": " + item + " (expected: a string)");
      }
    }
    return out;
  }

  private static String text(JsonNode node, String key, String fallback, Problems problems) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isValueNode()) {
      problems.report(key, key + ": " + value + " (expected: a string)");
      return fallback;
    }
    return value.asText();
  }

  private static void unknownKeys(JsonNode node, Set<String> known, Problems problems) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        problems.report(
            key, key + ": unknown key (expected: one of " + String.join(", ", sorted(known)) + ")");
      }
    }
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }
}
