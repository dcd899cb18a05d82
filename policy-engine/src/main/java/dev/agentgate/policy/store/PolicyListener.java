package dev.agentgate.policy.store;

/**
 * Told when a policy changes or a shadow policy disagrees: metrics, the audit log and readiness
 * implement it. Implementations must be quick and must not throw.
 */
public interface PolicyListener {
  PolicyListener NONE = new PolicyListener() {};

  /**
   * Every attempt to change a store's policy, whatever its result; called on the thread that made
   * the attempt (the policy reload thread, or a test), after the swap.
   */
  default void reloaded(ReloadEvent event) {}

  /**
   * The shadow policy would have decided differently; called on the event loop that made the
   * decision, so it must never block.
   */
  default void shadowDisagreed(ShadowDisagreement event) {}
}
