package dev.agentgate.policy.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validation of agent definitions, shared by the built-in catalog and a policy's {@code agents:}
 * entries. Each problem is one line in the form {@code field: value (expected: ...)}.
 */
public final class AgentChecks {
  /** The purposes an endpoint may have, in display order. */
  public static final List<String> CATEGORY_ORDER =
      List.of("model-api", "auth", "telemetry", "update", "indexing", "other");

  /** The purposes an endpoint may have. */
  public static final Set<String> CATEGORIES = Set.copyOf(CATEGORY_ORDER);

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]+");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?");

  private AgentChecks() {}

  /** Every problem of {@code agent}; {@code familyIds} are the TLS families it may name. */
  public static List<String> problems(AgentDefinition agent, Set<String> familyIds) {
    List<String> out = new ArrayList<>();
    if (!ID.matcher(agent.id()).matches()) {
      out.add("id: " + agent.id() + " (expected: lower-case letters, digits, '.', '_', '-')");
    }
    for (AgentDefinition.Endpoint e : agent.endpoints()) {
      String hostProblem = hostPatternProblem(e.host());
      if (hostProblem != null) {
        out.add("host: " + e.host() + " (expected: " + hostProblem + ")");
      }
      if (!CATEGORIES.contains(e.category())) {
        out.add("category: " + e.category() + " (expected: one of " + sorted(CATEGORIES) + ")");
      }
      if (e.pathPrefix() != null && !e.pathPrefix().startsWith("/")) {
        out.add("path: " + e.pathPrefix() + " (expected: a path prefix starting with '/')");
      }
    }
    for (String prefix : agent.userAgentPrefixes()) {
      if (prefix.isBlank()) {
        out.add("user-agent-prefix: '" + prefix + "' (expected: a non-empty prefix)");
      }
    }
    for (Map.Entry<String, String> m : agent.headerMarkers().entrySet()) {
      if (!HEADER_NAME.matcher(m.getKey()).matches()) {
        out.add("header-marker: " + m.getKey() + " (expected: a lower-case header name)");
      }
      try {
        Pattern.compile(m.getValue());
      } catch (PatternSyntaxException ex) {
        out.add(
            "header-marker "
                + m.getKey()
                + ": "
                + m.getValue()
                + " (expected: a regular expression; "
                + ex.getDescription()
                + ")");
      }
    }
    for (String family : agent.tlsFamilies()) {
      if (!familyIds.contains(family)) {
        out.add("tls-family: " + family + " (expected: one of " + sorted(familyIds) + ")");
      }
    }
    return out;
  }

  /** Problems of a TLS family: its id and JA4 patterns. */
  public static List<String> problems(AgentDefinition.TlsFamily family) {
    List<String> out = new ArrayList<>();
    if (!ID.matcher(family.id()).matches()) {
      out.add("id: " + family.id() + " (expected: lower-case letters, digits, '.', '_', '-')");
    }
    for (String p : family.ja4Patterns()) {
      if (p.isEmpty() || p.chars().allMatch(c -> c == '*') || p.indexOf(' ') >= 0) {
        out.add("ja4: '" + p + "' (expected: a JA4 value or a pattern with '*')");
      }
    }
    return out;
  }

  /** Why {@code host} is not "name" or "*.suffix" in lower case, or {@code null} when it is. */
  public static String hostPatternProblem(String host) {
    String name = host.startsWith("*.") ? host.substring(2) : host;
    if (name.isEmpty() || name.length() > 253) {
      return "a host name or *.suffix";
    }
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return "a lower-case host name or *.suffix, '*' only as the first label";
      }
    }
    return null;
  }

  private static String sorted(Set<String> values) {
    return String.join(", ", values.stream().sorted().toList());
  }
}
