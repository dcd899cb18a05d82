package dev.agentgate.policy.store;

import java.util.Map;

/**
 * The policy counts metrics read at scrape time, by rule id (ids come from the policies, so the
 * label set is bounded by them). Maps hold non-zero counts only.
 */
public interface PolicyCounts {
  /** Hits of the live policy's report-mode rules: what they would have done. */
  Map<String, Long> reportHits();

  /** Decisions where the shadow policy disagreed, by the shadow rule that would have decided. */
  Map<String, Long> shadowDisagreements();

  /** Decisions the shadow policy was evaluated for (0 without a shadow policy). */
  long shadowComparisons();
}
