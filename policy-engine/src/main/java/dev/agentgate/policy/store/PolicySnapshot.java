package dev.agentgate.policy.store;

import dev.agentgate.policy.lang.CompiledPolicy;
import dev.agentgate.policy.lang.RuleSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One loaded policy version as the store holds it: the compiled policy plus where and when it came
 * from. Immutable apart from two things the hot path records: the time of the first decision made
 * with it (set once) and the hits of its report-mode rules.
 */
public final class PolicySnapshot {
  private final CompiledPolicy policy;
  private final PolicySource source;
  private final String origin;
  private final Instant loadedAt;
  private final long generation;
  private final String signedBy;
  private final RuleCounters reportHits;
  private final AtomicReference<Instant> firstDecision = new AtomicReference<>();

  PolicySnapshot(
      CompiledPolicy policy,
      PolicySource source,
      String origin,
      Instant loadedAt,
      long generation,
      String signedBy,
      RuleCounters reportHits) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.source = source;
    this.origin = origin;
    this.loadedAt = loadedAt;
    this.generation = generation;
    this.signedBy = signedBy;
    this.reportHits = reportHits;
  }

  /**
   * The ids of {@code policy}'s report-mode rules. Costs a walk over every rule, so it is taken
   * before a store's monitor and before the load time is stamped.
   */
  static List<String> reportRuleIds(CompiledPolicy policy) {
    return policy.rules().stream().filter(RuleSummary::reportMode).map(RuleSummary::id).toList();
  }

  /** Counters for {@code ids}, keeping those of {@code previous}. */
  static RuleCounters reportCounters(List<String> ids, PolicySnapshot previous) {
    return RuleCounters.of(ids, previous == null ? RuleCounters.EMPTY : previous.reportHits);
  }

  public CompiledPolicy policy() {
    return policy;
  }

  /** The policy's {@code version:}. */
  public String version() {
    return policy.version();
  }

  /** SHA-256 of the policy bytes, lower-case hex. */
  public String contentHash() {
    return policy.contentHash();
  }

  public int ruleCount() {
    return policy.ruleCount();
  }

  public PolicySource source() {
    return source;
  }

  /** The file path or "admin-api" the text came from. */
  public String origin() {
    return origin;
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  /** Increases by one with every swap in this store (a rollback is a swap too). */
  public long generation() {
    return generation;
  }

  /** The fingerprint of the key whose signature was verified, or {@code null} when unsigned. */
  public String signedBy() {
    return signedBy;
  }

  /** When the first decision was made with this snapshot, or {@code null} if none was yet. */
  public Instant firstDecisionAt() {
    return firstDecision.get();
  }

  /** Hits of report-mode rules (what they would have done), by rule id, non-zero only. */
  public Map<String, Long> reportHits() {
    return reportHits.nonZero();
  }

  RuleCounters reportCounters() {
    return reportHits;
  }

  /** Called for every decision: one volatile read once the first decision is recorded. */
  void decided(Clock clock) {
    if (firstDecision.get() == null) {
      firstDecision.compareAndSet(null, clock.instant());
    }
  }
}
