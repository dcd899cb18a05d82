package dev.agentgate.policy.lang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentgate.policy.agents.AgentCatalog;
import dev.agentgate.policy.agents.AgentDefinition;
import dev.agentgate.policy.agents.AgentYaml;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy's {@code agents:} list: entries in the built-in catalog's own format (read by {@link
 * AgentYaml}, so a catalog entry can be copied into a policy and edited), added to the catalog or
 * replacing the entry with the same id. Problems point at the key they concern.
 */
final class PolicyAgents {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The entry key each field name of {@link AgentCatalog#check}'s problems comes from. */
  private static final Map<String, String> CHECK_KEYS =
      Map.of(
          "host", "hosts",
          "category", "hosts",
          "path", "hosts",
          "tls-family", "tls-families",
          "header-marker", "header-markers",
          "user-agent-prefix", "user-agent-prefixes");

  private final Problems problems;

  PolicyAgents(Problems problems) {
    this.problems = problems;
  }

  /** The built-in catalog with the policy's agents; the built-in one when an entry is invalid. */
  AgentCatalog catalog(AgentCatalog builtIn, Node node) {
    if (node == null || Values.isNull(node)) {
      return builtIn;
    }
    if (!(node instanceof Node.ListNode list)) {
      problems.error(node, "agents", "a list of agent entries in the catalog's format");
      return builtIn;
    }
    List<AgentDefinition> agents = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean ok = true;
    for (Node item : list.items()) {
      AgentDefinition a = agent(builtIn, item);
      if (a == null) {
        ok = false;
      } else if (seen.putIfAbsent(a.id(), item.pos().line()) != null) {
        problems.error(
            item.pos(),
            "agents.id",
            Problems.quote(a.id()),
            "an agent id used once in agents (first at line " + seen.get(a.id()) + ")");
        ok = false;
      } else {
        agents.add(a);
      }
    }
    return ok ? builtIn.withAgents(agents) : builtIn;
  }

  private AgentDefinition agent(AgentCatalog builtIn, Node item) {
    int before = problems.count();
    AgentDefinition a = AgentYaml.agent(toJson(item), (key, message) -> report(item, key, message));
    if (a != null) {
      for (String problem : builtIn.check(a)) {
        report(item, problem.substring(0, Math.max(0, problem.indexOf(':'))), problem);
      }
    }
    return problems.count() == before ? a : null;
  }

  /** Reports AgentYaml's {@code key: value (expected: ...)} at the key it concerns. */
  private void report(Node item, String key, String message) {
    Node.Position pos = item.pos();
    if (item instanceof Node.MapNode map) {
      String first = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
      Node.Entry e = map.entry(CHECK_KEYS.getOrDefault(first, first));
      if (e == null && CHECK_KEYS.containsKey(first)) {
        e = map.entry("shared-hosts"); // a host problem may sit in either host list
      }
      pos = e == null ? pos : e.keyPos();
    }
    problems.message(pos, "agents." + message);
  }

  private static JsonNode toJson(Node node) {
    if (node instanceof Node.MapNode map) {
      ObjectNode o = JSON.objectNode();
      map.entries().forEach(e -> o.set(e.key(), toJson(e.value())));
      return o;
    }
    if (node instanceof Node.ListNode list) {
      ArrayNode a = JSON.arrayNode();
      list.items().forEach(i -> a.add(toJson(i)));
      return a;
    }
    Node.Scalar s = (Node.Scalar) node;
    switch (s.kind()) {
      case TRUE:
        return JSON.booleanNode(true);
      case FALSE:
        return JSON.booleanNode(false);
      case NULL:
        return JSON.nullNode();
      case NUMBER:
        try {
          return JSON.numberNode(new BigDecimal(s.text().replace("_", "")));
        } catch (NumberFormatException e) {
          return JSON.textNode(s.text()); // YAML numbers Java cannot read (0x1f, .inf) stay text
        }
      default:
        return JSON.textNode(s.text());
    }
  }
}
