package dev.agentgate.proxy.observe.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live policy: reloads by source and result, the version/hash info series, the time of the last
 * successful reload, and the per-rule hit counters of the live version.
 */
final class PolicyMeters {
  /** The rule label of disagreements whose live rule is not in the live policy's meters. */
  static final String UNATTRIBUTED = "_unattributed";

  private final MeterFactory meters;
  private final Clock clock;
  private final Counter[] reloads;
  private final AtomicLong lastSuccessMillis = new AtomicLong();
  private final AtomicLong lastAttemptSucceeded = new AtomicLong();
  private final AtomicLong ruleCount = new AtomicLong();
  private final Counter unattributedHits;
  private final Counter unattributedDisagreements;
  // Written by the reload thread, read by event loops: one volatile reference to an immutable
  // snapshot, like the policy store itself. Never accessed from a handler field.
  private volatile RuleHitMeters rules = RuleHitMeters.empty();
  private Gauge info;

  PolicyMeters(MeterFactory meters, Clock clock) {
    this.meters = meters;
    this.clock = clock;
    ReloadSource[] sources = ReloadSource.values();
    ReloadResult[] results = ReloadResult.values();
    reloads = new Counter[sources.length * results.length];
    for (ReloadSource source : sources) {
      for (ReloadResult result : results) {
        reloads[source.ordinal() * results.length + result.ordinal()] =
            meters.counter(
                "agentgate.policy.reloads",
                "Policy loads by source (startup, file, api, rollback) and result (success,"
                    + " rejected: invalid, error: unreadable).",
                Tags.of("source", Labels.of(source), "result", Labels.of(result)));
      }
    }
    meters.gauge(
        "agentgate.policy.last.reload.success.timestamp",
        "Unix time of the last successful policy load (0 before the first).",
        "seconds",
        Tags.empty(),
        lastSuccessMillis,
        millis -> millis.get() / 1000.0);
    meters.gauge(
        "agentgate.policy.last.reload.successful",
        "1 when the most recent policy load attempt succeeded, 0 when it failed (the last good"
            + " policy stays live) or none has succeeded yet.",
        null,
        Tags.empty(),
        lastAttemptSucceeded,
        AtomicLong::get);
    meters.gauge(
        "agentgate.policy.rules",
        "Rules in the live policy, the default rule included.",
        null,
        Tags.empty(),
        ruleCount,
        AtomicLong::get);
    unattributedHits =
        meters.counter(
            "agentgate.rule.hits.unattributed",
            "Rule hits whose rule id is not in the live policy (a decision taken just before a"
                + " reload).",
            Tags.empty());
    // Exists from the start (at zero), so dashboards and alerts always find the metric.
    unattributedDisagreements =
        meters.counter(
            RuleHitMeters.SHADOW_NAME, RuleHitMeters.SHADOW_HELP, Tags.of("rule", UNATTRIBUTED));
  }

  void reload(ReloadSource source, ReloadResult result) {
    reloads[source.ordinal() * ReloadResult.values().length + result.ordinal()].increment();
    boolean success = result == ReloadResult.SUCCESS;
    lastAttemptSucceeded.set(success ? 1 : 0);
    if (success) {
      lastSuccessMillis.set(clock.wallTime());
    }
  }

  /** Swaps in the meters of a new live policy; called by the reload thread only. */
  synchronized void loaded(String version, String hash, List<String> ruleIds) {
    RuleHitMeters next = RuleHitMeters.create(meters, ruleIds);
    RuleHitMeters previous = rules;
    rules = next;
    ruleCount.set(next.ruleIds().size());
    for (Meter meter : previous.retiredBy(next)) {
      meters.registry().remove(meter);
    }
    if (info != null) {
      meters.registry().remove(info);
    }
    info =
        Gauge.builder("agentgate.policy.info", () -> 1)
            .description("The live policy: always 1, labelled with its version and content hash.")
            .tags("version", String.valueOf(version), "hash", String.valueOf(hash))
            .strongReference(true)
            .register(meters.registry());
  }

  void ruleHit(int ruleIndex, boolean report) {
    if (!rules.hit(ruleIndex, report)) {
      unattributedHits.increment();
    }
  }

  void ruleHit(String ruleId, boolean report) {
    RuleHitMeters live = rules;
    if (!live.hit(live.indexOf(ruleId), report)) {
      unattributedHits.increment();
    }
  }

  /** A shadow disagreement with the live decision of {@code liveRuleId}: one hash lookup. */
  void shadowDisagreement(String liveRuleId) {
    RuleHitMeters live = rules;
    if (!live.disagreed(live.indexOf(liveRuleId))) {
      unattributedDisagreements.increment();
    }
  }

  /** The index of {@code ruleId} in the live policy, or -1. */
  int ruleIndex(String ruleId) {
    return rules.indexOf(ruleId);
  }
}
