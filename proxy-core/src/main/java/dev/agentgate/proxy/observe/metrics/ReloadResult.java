package dev.agentgate.proxy.observe.metrics;

/** How a policy (re)load ended; the {@code result} label. */
public enum ReloadResult {
  /** The new policy is live. */
  SUCCESS,
  /** The policy was invalid (or its signature did not verify); the last good one stays live. */
  REJECTED,
  /** The policy could not be read at all (I/O error); the last good one stays live. */
  ERROR
}
