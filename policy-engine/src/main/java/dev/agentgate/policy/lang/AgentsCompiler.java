package dev.agentgate.policy.lang;

import dev.agentgate.policy.agents.AgentDefinition;
import dev.agentgate.policy.match.HostPattern;
import dev.agentgate.policy.match.InvalidPatternException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles the {@code agents:} list into {@link AgentDefinition}s that are added to the built-in
 * catalog (an entry with a built-in id replaces that agent entirely).
 */
final class AgentsCompiler {
  private static final List<String> KEYS =
      List.of(
          "id",
          "name",
          "vendor",
          "endpoints",
          "user_agent_prefixes",
          "header_markers",
          "tls_families",
          "exclusive_hosts");
  private static final String ID_EXPECTED = "an id of lower-case letters, digits, - and _";

  private final Problems problems;
  private final Values values;
  private final Set<String> familyIds;
  private final Set<String> categories;

  AgentsCompiler(Problems problems, Set<String> familyIds, Set<String> categories) {
    this.problems = problems;
    this.values = new Values(problems);
    this.familyIds = familyIds;
    this.categories = categories;
  }

  List<AgentDefinition> compile(Node node) {
    List<AgentDefinition> out = new ArrayList<>();
    if (node == null || Values.isNull(node)) {
      return out;
    }
    if (!(node instanceof Node.ListNode list)) {
      problems.error(node, "agents", "a list of agent definitions");
      return out;
    }
    Map<String, Node.Position> seen = new HashMap<>();
    for (Node item : list.items()) {
      AgentDefinition a = agent(item);
      if (a == null) {
        continue;
      }
      Node.Position first = seen.putIfAbsent(a.id(), item.pos());
      if (first != null) {
        problems.error(
            item.pos(),
            "agents.id",
            Problems.quote(a.id()),
            "a unique agent id (first at line " + first.line() + ")");
      } else {
        out.add(a);
      }
    }
    return out;
  }

  private AgentDefinition agent(Node node) {
    Fields f = Fields.of(node, "agents", KEYS, problems);
    if (f == null) {
      return null;
    }
    Node idNode = f.require("id", ID_EXPECTED);
    String id = idNode == null ? null : values.text(idNode, f.name("id"), ID_EXPECTED);
    if (id != null && !RedactorCompiler.ID.matcher(id).matches()) {
      problems.error(idNode, f.name("id"), ID_EXPECTED);
      id = null;
    }
    String name = optionalText(f, "name", "a display name");
    String vendor = optionalText(f, "vendor", "a vendor name");
    List<AgentDefinition.Endpoint> endpoints = endpoints(f);
    List<String> uaPrefixes =
        f.get("user_agent_prefixes") == null
            ? List.of()
            : values.texts(
                f.get("user_agent_prefixes"), f.name("user_agent_prefixes"), "a User-Agent prefix");
    Map<String, String> markers = headerMarkers(f);
    List<String> families = families(f);
    boolean exclusive =
        f.get("exclusive_hosts") != null
            && Boolean.TRUE.equals(
                values.bool(f.get("exclusive_hosts"), f.name("exclusive_hosts")));
    if (id == null) {
      return null;
    }
    return new AgentDefinition(
        id,
        name == null ? id : name,
        vendor == null ? "" : vendor,
        endpoints,
        uaPrefixes,
        markers,
        families,
        exclusive);
  }

  private String optionalText(Fields f, String key, String expected) {
    return f.get(key) == null ? null : values.text(f.get(key), f.name(key), expected);
  }

  private List<AgentDefinition.Endpoint> endpoints(Fields f) {
    List<AgentDefinition.Endpoint> out = new ArrayList<>();
    Node node = f.get("endpoints");
    if (node == null) {
      return out;
    }
    if (!(node instanceof Node.ListNode list)) {
      problems.error(node, f.name("endpoints"), "a list of {host, category, path_prefix}");
      return out;
    }
    String categoryExpected = "one of " + String.join(", ", new TreeSet<>(categories));
    for (Node item : list.items()) {
      Fields e =
          Fields.of(
              item, f.name("endpoints"), List.of("host", "category", "path_prefix"), problems);
      if (e == null) {
        continue;
      }
      Node hostNode = e.require("host", "a host name or *.suffix");
      Node categoryNode = e.require("category", categoryExpected);
      String host =
          hostNode == null
              ? null
              : values.text(hostNode, e.name("host"), "a host name or *.suffix");
      if (host != null) {
        try {
          host = HostPattern.parse(host).toString();
        } catch (InvalidPatternException bad) {
          problems.error(hostNode, e.name("host"), bad.expected());
          host = null;
        }
      }
      String category =
          categoryNode == null
              ? null
              : values.text(categoryNode, e.name("category"), categoryExpected);
      if (category != null && !categories.contains(category)) {
        problems.error(categoryNode, e.name("category"), categoryExpected);
        category = null;
      }
      String pathPrefix = null;
      if (e.get("path_prefix") != null) {
        pathPrefix =
            values.text(e.get("path_prefix"), e.name("path_prefix"), "a path starting with /");
        if (pathPrefix != null && !pathPrefix.startsWith("/")) {
          problems.error(e.get("path_prefix"), e.name("path_prefix"), "a path starting with /");
        }
      }
      if (host != null && category != null) {
        out.add(new AgentDefinition.Endpoint(host, category, pathPrefix));
      }
    }
    return out;
  }

  private Map<String, String> headerMarkers(Fields f) {
    Map<String, String> out = new LinkedHashMap<>();
    Node node = f.get("header_markers");
    if (node == null) {
      return out;
    }
    if (!(node instanceof Node.MapNode map)) {
      problems.error(
          node, f.name("header_markers"), "a map of header name to a regex (\".*\": present)");
      return out;
    }
    for (Node.Entry e : map.entries()) {
      String name = f.name("header_markers") + "." + e.key();
      String regex = values.text(e.value(), name, "a Java regular expression");
      if (regex != null && values.regex(e.value(), name, regex) != null) {
        out.put(e.key().toLowerCase(Locale.ROOT), regex);
      }
    }
    return out;
  }

  private List<String> families(Fields f) {
    Node node = f.get("tls_families");
    if (node == null) {
      return List.of();
    }
    String expected =
        "one of the catalog's TLS families: " + String.join(", ", new TreeSet<>(familyIds));
    List<String> out = new ArrayList<>();
    for (Node item : values.oneOrMany(node, f.name("tls_families"), expected)) {
      String t = values.text(item, f.name("tls_families"), expected);
      if (t != null && familyIds.contains(t)) {
        out.add(t);
      } else if (t != null) {
        problems.error(item, f.name("tls_families"), expected);
      }
    }
    return out;
  }
}
