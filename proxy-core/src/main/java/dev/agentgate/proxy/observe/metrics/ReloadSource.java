package dev.agentgate.proxy.observe.metrics;

/** Where a policy (re)load came from; the {@code source} label. */
public enum ReloadSource {
  /** The policy read at start-up. */
  STARTUP,
  /** A change of the policy file seen by the poller. */
  FILE,
  /** A push through the admin API. */
  API,
  /** A rollback to an earlier version through the admin API. */
  ROLLBACK
}
