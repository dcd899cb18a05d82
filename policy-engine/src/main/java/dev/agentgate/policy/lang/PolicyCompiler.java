package dev.agentgate.policy.lang;

import dev.agentgate.policy.agents.AgentCatalog;
import dev.agentgate.policy.match.EndpointCategories;
import dev.agentgate.policy.redact.RedactorSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compiles policy text: YAML to a position-aware tree, then every section validated and compiled,
 * collecting all errors at once. Pure and thread-safe; the proxy compiles off its event loops.
 */
public final class PolicyCompiler {
  private static final List<String> KEYS =
      List.of("version", "description", "default", "agents", "redactors", "rules");

  private PolicyCompiler() {}

  /**
   * The outcome of a compilation: a policy, or every error found.
   *
   * @param policy the compiled policy, or {@code null} when there are errors
   * @param errors the errors in source order (empty when {@code policy} is set)
   */
  public record Result(CompiledPolicy policy, List<PolicyError> errors) {
    public Result {
      errors = List.copyOf(errors);
    }

    public boolean ok() {
      return policy != null;
    }

    /** The policy, or an exception whose message lists every error, one per line. */
    public CompiledPolicy orElseThrow() {
      if (policy == null) {
        throw new IllegalArgumentException(
            errors.stream().map(PolicyError::toString).collect(Collectors.joining("\n")));
      }
      return policy;
    }
  }

  /** Compiles against the built-in agent catalog. */
  public static Result compile(String sourceName, String yamlText) {
    return compile(sourceName, yamlText, AgentCatalog.builtIn());
  }

  /** Compiles with {@code builtIn} as the catalog the policy's {@code agents:} extend. */
  public static Result compile(String sourceName, String yamlText, AgentCatalog builtIn) {
    Problems problems = new Problems(sourceName);
    Node root = new YamlTreeReader(problems).read(yamlText);
    if (root == null) {
      if (problems.isEmpty()) {
        problems.error(
            new Node.Position(1, 1), "policy", "empty", "a map with version, default and rules");
      }
      return new Result(null, problems.sorted());
    }
    Fields top = Fields.of(root, "", KEYS, problems);
    if (top == null) {
      return new Result(null, problems.sorted());
    }
    Values values = new Values(problems);
    Node versionNode = top.require("version", "a version string such as \"2026-06-01.1\"");
    String version =
        versionNode == null
            ? null
            : values.text(versionNode, "version", "a version string such as \"2026-06-01.1\"");
    if (top.get("description") != null) {
      values.text(top.get("description"), "description", "text");
    }
    AgentCatalog catalog = new PolicyAgents(problems).catalog(builtIn, top.get("agents"));
    Map<String, RedactorSpec> redactors =
        new RedactorCompiler(problems).compile(top.get("redactors"));
    EndpointCategories categories = EndpointCategories.of(catalog.agents());
    Set<String> known = new HashSet<>(MatchContext.BASE_CATEGORIES);
    known.addAll(categories.known());
    MatchContext context = new MatchContext(catalog.ids(), categories, Set.copyOf(known));
    RuleCompiler rules = new RuleCompiler(problems, context, redactors);
    List<Rule> compiled = rules.rules(top.get("rules"));
    Node defaultNode =
        top.require(
            "default", "allow, or a map with action and message (block) or redactor (redact)");
    Outcome defaultOutcome = defaultNode == null ? null : rules.defaultOutcome(defaultNode);
    if (!problems.isEmpty() || version == null || defaultOutcome == null) {
      return new Result(null, problems.sorted());
    }
    CompiledPolicy policy =
        new CompiledPolicy(
            sourceName, version, sha256(yamlText), compiled, defaultOutcome, redactors, catalog);
    return new Result(policy, List.of());
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
