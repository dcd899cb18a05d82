package dev.agentgate.policy.store;

/** Where a policy (re)load came from. */
public enum PolicySource {
  /** The policy read when the proxy starts (the file, or the embedded default). */
  STARTUP,
  /** A change of the policy file seen by the poller. */
  FILE,
  /** A push through the admin API. */
  API,
  /** A rollback to the policy before the live one. */
  ROLLBACK
}
