package dev.agentgate.proxy.cli;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.PolicyEngine;
import dev.agentgate.policy.lang.CompiledPolicy;
import dev.agentgate.policy.lang.PolicyCompiler;
import dev.agentgate.policy.lang.PolicyError;
import dev.agentgate.proxy.admin.PolicyStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The policy {@code run} starts with: the configured file, else the embedded default policy ({@code
 * /default-policy.yaml}). Errors are printed one per line; the caller exits.
 */
final class PolicyLoader {
  static final String DEFAULT_RESOURCE = "/default-policy.yaml";

  /** A loaded policy and what {@code /readyz} says about it. */
  record Loaded(PolicyEngine engine, PolicyStatus status) {}

  private PolicyLoader() {}

  /** The policy, or null after printing why it could not be loaded. */
  static Loaded load(Path file, PrintWriter err) {
    String name;
    String text;
    try {
      if (file != null) {
        name = file.getFileName().toString();
        text = Files.readString(file);
      } else {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
          if (in == null) {
            return TEMPORARY_ALLOW_ALL;
          }
          name = "default-policy.yaml (embedded)";
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    } catch (NoSuchFileException e) {
      err.println("agentgate: policy error: " + file + ": no such file");
      return null;
    } catch (IOException e) {
      err.println("agentgate: policy error: " + file + ": cannot read: " + e.getMessage());
      return null;
    }
    PolicyCompiler.Result result = PolicyCompiler.compile(name, text);
    if (!result.ok()) {
      for (PolicyError e : result.errors()) {
        err.println("agentgate: policy error: " + e);
      }
      return null;
    }
    CompiledPolicy policy = result.policy();
    return new Loaded(policy, new PolicyStatus(policy.version(), policy.contentHash()));
  }

  /**
   * TEMPORARY: used only while the build carries no embedded default policy resource; it allows
   * everything, as the default policy does.
   */
  private static final Loaded TEMPORARY_ALLOW_ALL =
      new Loaded(
          request ->
              new Decision(
                  Action.ALLOW,
                  "default",
                  "allowed by the built-in default",
                  null,
                  null,
                  List.of(),
                  null),
          new PolicyStatus("builtin-allow-all", "none"));
}
