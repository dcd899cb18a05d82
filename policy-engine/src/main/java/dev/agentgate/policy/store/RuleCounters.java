package dev.agentgate.policy.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters by rule id for one policy version, made once when the version is loaded: counting is a
 * hash lookup and an uncontended add, safe from every event loop. An id that stays in the next
 * version keeps its counter, so a reload does not reset it; ids that leave are dropped.
 */
final class RuleCounters {
  static final RuleCounters EMPTY = new RuleCounters(Map.of(), new String[0]);

  private final Map<String, LongAdder> byId;
  private final String[] order;

  private RuleCounters(Map<String, LongAdder> byId, String[] order) {
    this.byId = byId;
    this.order = order;
  }

  /** Counters for {@code ids}, reusing those of {@code previous} for ids it has. */
  static RuleCounters of(Collection<String> ids, RuleCounters previous) {
    Map<String, LongAdder> map = new HashMap<>(ids.size() * 2);
    for (String id : ids) {
      LongAdder kept = previous.byId.get(id);
      map.put(id, kept == null ? new LongAdder() : kept);
    }
    return new RuleCounters(map, ids.toArray(new String[0]));
  }

  /** The ids counted, in policy order. */
  List<String> ids() {
    return List.of(order);
  }

  /** Counts one hit; an id this version does not have is ignored (it cannot be attributed). */
  void increment(String ruleId) {
    LongAdder adder = byId.get(ruleId);
    if (adder != null) {
      adder.increment();
    }
  }

  /** The ids counted at least once, in policy order, with their counts. */
  Map<String, Long> nonZero() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String id : order) {
      long n = byId.get(id).sum();
      if (n > 0) {
        out.put(id, n);
      }
    }
    return out;
  }
}
