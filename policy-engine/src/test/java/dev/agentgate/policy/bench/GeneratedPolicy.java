package dev.agentgate.policy.bench;

import java.util.List;

/**
 * A generated policy of any size with the mix of a large company's policy: exact and suffix hosts
 * (some narrowed by group, JA4 or header), agents per group, groups on ports, and a few rules by
 * source network that every request must check.
 */
public final class GeneratedPolicy {
  static final List<String> AGENTS =
      List.of(
          "claude-code", "codex", "cursor", "github-copilot", "gemini-cli", "windsurf", "aider");

  private GeneratedPolicy() {}

  public static String yaml(int rules) {
    StringBuilder y = new StringBuilder(rules * 120);
    y.append("version: generated-").append(rules).append('\n');
    y.append("default: {action: block, message: \"not approved\"}\n");
    y.append("redactors:\n  secrets: {detectors: [all]}\n");
    y.append("rules:\n");
    for (int i = 0; i < rules; i++) {
      y.append("  - id: r").append(i).append('\n');
      y.append("    match: {").append(match(i)).append("}\n");
      switch (i % 3) {
        case 0 -> y.append("    action: allow\n");
        case 1 ->
            y.append("    action: block\n    message: \"blocked by r").append(i).append("\"\n");
        default -> y.append("    action: redact\n    redactor: secrets\n");
      }
    }
    return y.toString();
  }

  private static String match(int i) {
    String agent = AGENTS.get(i % AGENTS.size());
    switch (i % 10) {
      case 0, 1:
        return "host: h" + i + ".corp.example";
      case 2:
        return "host: h" + i + ".corp.example, group: g" + (i % 500);
      case 3:
        return "host: h" + i + ".corp.example, ja4: \"t13d*\"";
      case 4:
        return "host: \"*.s" + i + ".example\"";
      case 5:
        return "host: h" + i + ".corp.example, header: {x-team: \"t" + (i % 50) + "\"}";
      case 6:
        return "agent: " + agent + ", group: g" + (i % 500);
      case 7:
        return "group: g" + (i % 500) + ", port: [443, 8443]";
      case 8:
        return "host: api" + i + ".models.example, agent: [" + agent + ", unknown]";
      default:
        return i % 1000 == 9
            ? "source: 10." + (i % 250) + ".0.0/16"
            : "host: h" + i + ".corp.example, user: \"svc-" + i + "-*\"";
    }
  }
}
