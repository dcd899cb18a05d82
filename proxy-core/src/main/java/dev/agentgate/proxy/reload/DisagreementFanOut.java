package dev.agentgate.proxy.reload;

import dev.agentgate.policy.store.PolicyListener;
import dev.agentgate.policy.store.ShadowDisagreement;
import java.util.Arrays;

/**
 * Hands each shadow disagreement to the listeners registered so far. The shadow engine takes one
 * listener when it is built, before the metrics and the audit log exist; they join later. Called on
 * event loops: one volatile read and an indexed loop over an array, no allocation.
 */
final class DisagreementFanOut implements PolicyListener {
  // Copy-on-write by the thread that wires the proxy; read by every event loop.
  private volatile PolicyListener[] listeners;

  DisagreementFanOut(PolicyListener first) {
    listeners = new PolicyListener[] {first};
  }

  synchronized void add(PolicyListener listener) {
    PolicyListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
    next[listeners.length] = listener;
    listeners = next;
  }

  @Override
  public void shadowDisagreed(ShadowDisagreement event) {
    PolicyListener[] all = listeners;
    for (int i = 0; i < all.length; i++) {
      all[i].shadowDisagreed(event);
    }
  }
}
