package dev.agentgate.policy.lang;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.PolicyEngine;
import dev.agentgate.policy.agents.AgentCatalog;
import dev.agentgate.policy.agents.AgentIdentifier;
import dev.agentgate.policy.agents.Identification;
import dev.agentgate.policy.match.Tri;
import dev.agentgate.policy.redact.RedactorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated, compiled, immutable policy: safe to share between threads and to evaluate on an
 * event loop (no locks, no I/O). Made by {@link PolicyCompiler#compile}.
 *
 * <p>Evaluation follows the three-valued rule of the design: candidate rules (from {@link
 * RuleIndex}) are taken in policy order; NO skips a rule, YES decides, and the first UNKNOWN before
 * any YES returns {@link dev.agentgate.policy.Action#CONTINUE}. Report-mode rules that say YES are
 * recorded in {@link Decision#reports()} and evaluation goes on; a report-mode rule that is UNKNOWN
 * is passed over, so report mode never makes the proxy look deeper than it otherwise would.
 */
public final class CompiledPolicy implements PolicyEngine {
  private final String sourceName;
  private final String version;
  private final String contentHash;
  private final Rule[] rules;
  private final List<String> ruleIds;
  private final RuleIndex index;
  private final Outcome defaultOutcome;
  private final String defaultReason;
  private final Map<String, RedactorSpec> redactors;
  private final AgentCatalog catalog;
  private final AgentIdentifier identifier;

  CompiledPolicy(
      String sourceName,
      String version,
      String contentHash,
      List<Rule> rules,
      Outcome defaultOutcome,
      Map<String, RedactorSpec> redactors,
      AgentCatalog catalog) {
    this.sourceName = sourceName;
    this.version = version;
    this.contentHash = contentHash;
    this.rules = rules.toArray(new Rule[0]);
    this.ruleIds = rules.stream().map(r -> r.id).toList();
    this.index = RuleIndex.of(rules);
    this.defaultOutcome = defaultOutcome;
    this.defaultReason = "no rule matched: default " + defaultOutcome.describe();
    this.redactors = Map.copyOf(redactors);
    this.catalog = catalog;
    this.identifier = AgentIdentifier.of(catalog);
  }

  /** Identifies the agent from the request's facts, then evaluates. */
  @Override
  public Decision evaluate(EgressRequest request) {
    return evaluate(request, identifier.identify(request));
  }

  /** Evaluates with an identification the caller already has (it must be of this phase). */
  public Decision evaluate(EgressRequest request, Identification agent) {
    Candidates candidates = index.candidates(request, agent);
    List<Decision.ReportedMatch> reports = null;
    for (int i = candidates.next(); i >= 0; i = candidates.next()) {
      Rule rule = rules[i];
      Tri t = rule.match(request, agent);
      if (t == Tri.NO) {
        continue;
      }
      if (rule.report) {
        if (t == Tri.YES) {
          reports = reports == null ? new ArrayList<>(2) : reports;
          reports.add(rule.reported());
        }
        continue;
      }
      return t == Tri.YES ? rule.decide(reports, agent) : rule.pending(request, reports, agent);
    }
    return new Decision(
        defaultOutcome.action(),
        RuleCompiler.DEFAULT_ID,
        defaultReason,
        defaultOutcome.message(),
        defaultOutcome.redactor(),
        reports,
        agent);
  }

  /** The agent identified from the facts of the request's phase, with this policy's catalog. */
  public Identification identify(EgressRequest request) {
    return identifier.identify(request);
  }

  /** The name the policy was compiled under (a file name, "admin-api", ...). */
  public String sourceName() {
    return sourceName;
  }

  /** The policy's {@code version:} as written. */
  public String version() {
    return version;
  }

  /** SHA-256 of the policy text, lower-case hex. */
  public String contentHash() {
    return contentHash;
  }

  public int ruleCount() {
    return rules.length;
  }

  /** Rule ids in policy order. */
  public List<String> ruleIds() {
    return ruleIds;
  }

  /** The rules as a person reads them, in policy order. */
  public List<RuleSummary> rules() {
    List<RuleSummary> out = new ArrayList<>(rules.length);
    for (Rule r : rules) {
      out.add(
          new RuleSummary(
              r.id,
              r.description,
              r.report,
              r.outcome.action(),
              r.outcome.message(),
              r.outcome.redactor(),
              r.describeMatch(),
              r.line));
    }
    return out;
  }

  /** The compiled rules in policy order (tests compare the index with a plain scan). */
  List<Rule> ruleList() {
    return List.of(rules);
  }

  public Optional<RedactorSpec> redactor(String id) {
    return Optional.ofNullable(redactors.get(id));
  }

  /** The redactors by id. */
  public Map<String, RedactorSpec> redactors() {
    return redactors;
  }

  /** The built-in catalog with this policy's agents added. */
  public AgentCatalog catalog() {
    return catalog;
  }
}
