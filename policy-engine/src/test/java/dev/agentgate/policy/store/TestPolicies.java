package dev.agentgate.policy.store;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import java.nio.charset.StandardCharsets;

/** Small policy texts for the store tests. */
final class TestPolicies {
  private TestPolicies() {}

  /** A valid policy whose one rule blocks {@code blocked.example} with rule id {@code block-v}. */
  static String blocking(String version) {
    return String.join(
        "\n",
        "version: \"" + version + "\"",
        "default: allow",
        "rules:",
        "  - id: block-" + version,
        "    match: {host: blocked.example}",
        "    action: block",
        "    message: not here",
        "");
  }

  /** A valid policy that allows everything. */
  static String allowAll(String version) {
    return "version: \"" + version + "\"\ndefault: allow\nrules: []\n";
  }

  /** A policy with a report-mode rule on {@code watched.example} and an enforcing allow. */
  static String reporting(String version) {
    return String.join(
        "\n",
        "version: \"" + version + "\"",
        "default: allow",
        "rules:",
        "  - id: would-block-watched",
        "    mode: report",
        "    match: {host: watched.example}",
        "    action: block",
        "    message: would be blocked",
        "  - id: allow-watched",
        "    match: {host: watched.example}",
        "    action: allow",
        "");
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static EgressRequest connect(String host) {
    return EgressRequest.builder(Phase.CONNECT, host, 443).build();
  }
}
