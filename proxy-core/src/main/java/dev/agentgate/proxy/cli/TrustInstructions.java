package dev.agentgate.proxy.cli;

import java.nio.file.Path;

/**
 * How each coding agent and operating system is told to trust the agentgate CA. Sources: the
 * agents' own documentation as summarised in the project's research notes (Node's
 * NODE_EXTRA_CA_CERTS and NODE_USE_SYSTEM_CA, Codex's CODEX_CA_CERTIFICATE, Claude Code's use of
 * the OS store). The commands use one agreed place on each developer machine, because the proxy's
 * own path means nothing there.
 */
final class TrustInstructions {

  /** Where the instructions ask developers to keep the certificate. */
  static final String LOCAL_COPY = "$HOME/.agentgate/ca.pem";

  private TrustInstructions() {}

  static String forCertificate(Path source, String fingerprint) {
    String pem = LOCAL_COPY;
    return String.join(
        "\n",
        "",
        "# This is the agentgate CA (" + source + ")",
        "#   SHA-256 " + fingerprint,
        "# Save it as " + pem + " on each machine whose agents go through agentgate",
        "#   (mkdir -p ~/.agentgate && agentgate ca export --quiet > ~/.agentgate/ca.pem),",
        "# then make each client trust it:",
        "#",
        "# Operating system store (Claude Code's native build, VS Code with Copilot, Cursor,",
        "# Windsurf and other Go or Rust tools that read the OS roots):",
        "#   Debian/Ubuntu: sudo cp "
            + pem
            + " /usr/local/share/ca-certificates/agentgate.crt"
            + " && sudo update-ca-certificates",
        "#   Fedora/RHEL:   sudo cp "
            + pem
            + " /etc/pki/ca-trust/source/anchors/agentgate.pem"
            + " && sudo update-ca-trust",
        "#   macOS:         sudo security add-trusted-cert -d -r trustRoot"
            + " -k /Library/Keychains/System.keychain "
            + pem,
        "#   Windows:       certutil -addstore -f Root %USERPROFILE%\\.agentgate\\ca.pem"
            + "   (administrator prompt)",
        "#",
        "# Node.js agents (Claude Code from npm, Gemini CLI, Copilot CLI, opencode):",
        "#   export NODE_EXTRA_CA_CERTS=" + pem,
        "#   or, once the CA is in the OS store, with Node 22.15+: export NODE_USE_SYSTEM_CA=1",
        "#   (Claude Code reads the OS store by default unless CLAUDE_CODE_CERT_STORE=bundled)",
        "#",
        "# Codex:",
        "#   export CODEX_CA_CERTIFICATE=" + pem,
        "#",
        "# OpenSSL and Python clients (Aider, requests, httpx, curl; Codex's SSL_CERT_FILE fallback):",
        "# these variables REPLACE the default roots, so give them the system roots plus this CA:",
        "#   cat /etc/ssl/certs/ca-certificates.crt " + pem + " > $HOME/.agentgate/bundle.pem",
        "#   export SSL_CERT_FILE=$HOME/.agentgate/bundle.pem"
            + " REQUESTS_CA_BUNDLE=$HOME/.agentgate/bundle.pem",
        "#",
        "# JVM tools and JetBrains IDEs (which also read the OS store):",
        "#   keytool -importcert -noprompt -alias agentgate -file "
            + pem
            + " -cacerts -storepass changeit",
        "#",
        "# Clients that pin certificates cannot be intercepted: list their hosts in the policy's",
        "# splice list instead.",
        "");
  }
}
