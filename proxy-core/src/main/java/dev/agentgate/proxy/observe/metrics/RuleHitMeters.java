package dev.agentgate.proxy.observe.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-rule counters of one policy version (hits, and decisions the shadow policy disagreed
 * with): immutable, indexed like the policy's rule list. A rule id that is in the next version too
 * keeps its counters (the registry hands back the existing meter), so a reload does not reset them.
 */
final class RuleHitMeters {
  /** The rule id the engine gives decisions of the policy's default rule. */
  static final String DEFAULT_RULE = "default";

  private static final String NAME = "agentgate.rule.hits";
  private static final String HELP =
      "Requests and connections a rule of the live policy matched, by rule id and mode"
          + " (enforce: it decided; report: report-mode rule, counted but not enforced).";
  static final String SHADOW_NAME = "agentgate.policy.shadow.disagreements";
  static final String SHADOW_HELP =
      "Decisions of the live policy the shadow policy would have made differently, by the live"
          + " rule that decided (_unattributed: a rule no longer in the live policy).";

  private final List<String> ruleIds;
  private final Map<String, Integer> indexById;
  private final Counter[] enforced;
  private final Counter[] reported;
  private final Counter[] disagreements;

  private RuleHitMeters(
      List<String> ruleIds, Counter[] enforced, Counter[] reported, Counter[] disagreements) {
    this.ruleIds = ruleIds;
    this.enforced = enforced;
    this.reported = reported;
    this.disagreements = disagreements;
    Map<String, Integer> map = new HashMap<>();
    for (int i = 0; i < ruleIds.size(); i++) {
      map.put(ruleIds.get(i), i);
    }
    this.indexById = Map.copyOf(map);
  }

  static RuleHitMeters empty() {
    return new RuleHitMeters(List.of(), new Counter[0], new Counter[0], new Counter[0]);
  }

  /**
   * Counters for {@code ruleIds} in order (duplicates and blanks dropped), then "default" if the
   * list lacks it.
   */
  static RuleHitMeters create(MeterFactory meters, List<String> ruleIds) {
    Set<String> unique = new LinkedHashSet<>();
    for (String id : ruleIds) {
      if (id != null && !id.isBlank()) {
        unique.add(id);
      }
    }
    unique.add(DEFAULT_RULE);
    List<String> ids = List.copyOf(new ArrayList<>(unique));
    Counter[] enforced = new Counter[ids.size()];
    Counter[] reported = new Counter[ids.size()];
    Counter[] disagreements = new Counter[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      enforced[i] = meters.counter(NAME, HELP, Tags.of("rule", ids.get(i), "mode", "enforce"));
      reported[i] = meters.counter(NAME, HELP, Tags.of("rule", ids.get(i), "mode", "report"));
      disagreements[i] = meters.counter(SHADOW_NAME, SHADOW_HELP, Tags.of("rule", ids.get(i)));
    }
    return new RuleHitMeters(ids, enforced, reported, disagreements);
  }

  /** The position of {@code ruleId} in this version, or -1. */
  int indexOf(String ruleId) {
    if (ruleId == null) {
      return -1;
    }
    Integer index = indexById.get(ruleId);
    return index == null ? -1 : index;
  }

  /** Counts a hit; false when the index is not a rule of this version. */
  boolean hit(int ruleIndex, boolean report) {
    if (ruleIndex < 0 || ruleIndex >= enforced.length) {
      return false;
    }
    (report ? reported : enforced)[ruleIndex].increment();
    return true;
  }

  /** Counts a shadow disagreement; false when the index is not a rule of this version. */
  boolean disagreed(int ruleIndex) {
    if (ruleIndex < 0 || ruleIndex >= disagreements.length) {
      return false;
    }
    disagreements[ruleIndex].increment();
    return true;
  }

  List<String> ruleIds() {
    return ruleIds;
  }

  /** The meters of this version whose rule id is not in {@code next}: to remove on swap. */
  List<Meter> retiredBy(RuleHitMeters next) {
    List<Meter> retired = new ArrayList<>();
    for (int i = 0; i < ruleIds.size(); i++) {
      if (next.indexOf(ruleIds.get(i)) < 0) {
        retired.add(enforced[i]);
        retired.add(reported[i]);
        retired.add(disagreements[i]);
      }
    }
    return retired;
  }
}
