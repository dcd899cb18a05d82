package dev.agentgate.proxy.pipeline.intercept;

import dev.agentgate.policy.lang.CompiledPolicy;
import dev.agentgate.policy.redact.Redactor;
import dev.agentgate.policy.store.PolicyListener;
import dev.agentgate.policy.store.ReloadEvent;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The redactors of the policy in force, for a proxy whose policy is reloaded: compiled once per
 * policy version, on the reload thread as soon as a reload swaps the policy in (so event loops
 * normally find them ready; one that asks first compiles them itself, once). A {@code redact}
 * decision names a redactor of the policy that made it; should a reload remove it in between, the
 * request fails closed.
 */
public final class LiveRedactors implements Redactors, PolicyListener {
  private final Supplier<CompiledPolicy> live;
  private final AtomicReference<Compiled> current = new AtomicReference<>();

  /** The redactors of one policy. */
  private record Compiled(CompiledPolicy policy, Redactors redactors) {}

  /**
   * @param live the policy in force now (null before the first load)
   */
  public LiveRedactors(Supplier<CompiledPolicy> live) {
    this.live = live;
    refresh();
  }

  @Override
  public Optional<Redactor> forId(String id) {
    return refresh().forId(id);
  }

  @Override
  public void reloaded(ReloadEvent event) {
    refresh();
  }

  private Redactors refresh() {
    CompiledPolicy policy = live.get();
    if (policy == null) {
      return Redactors.NONE;
    }
    Compiled c = current.get();
    if (c == null || c.policy() != policy) {
      c = new Compiled(policy, Redactors.of(policy));
      current.set(c);
    }
    return c.redactors();
  }
}
