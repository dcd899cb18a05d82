package dev.agentgate.proxy.reload;

/** Policy texts for the reload tests. */
final class Texts {
  private Texts() {}

  /** Allows everything except {@code host}, which rule {@code block-VERSION} blocks. */
  static String blocking(String version, String host) {
    return "version: \""
        + version
        + "\"\ndefault: allow\nrules:\n  - id: block-"
        + version
        + "\n    match: {host: "
        + host
        + "}\n    action: block\n    message: blocked by "
        + version
        + "\n";
  }

  static String allowAll(String version) {
    return "version: \"" + version + "\"\ndefault: allow\nrules: []\n";
  }
}
