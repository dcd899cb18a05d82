package dev.agentgate.policy.store;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.PolicyEngine;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live policy with a shadow policy evaluated beside it at every decision. The live decision is
 * returned unchanged; where the shadow would decide differently (another action, or another
 * redactor) the disagreement is counted by the shadow's rule id and reported to the listener, so a
 * new policy can be tried on real traffic before it enforces. The shadow can never change or break
 * a live decision: its failures are counted, not propagated.
 */
public final class ShadowedEngine implements PolicyEngine {
  private static final System.Logger log = System.getLogger(ShadowedEngine.class.getName());

  private final PolicyStore live;
  private final PolicyStore shadow;
  private final PolicyListener listener;
  private final LongAdder compared = new LongAdder();
  private final LongAdder failures = new LongAdder();
  // The shadow version and its counters, swapped together by the reload thread.
  private volatile Shadow current;

  /** The shadow snapshot and its disagreement counters (all its rule ids and "default"). */
  private record Shadow(PolicySnapshot snapshot, RuleCounters disagreements) {}

  public ShadowedEngine(PolicyStore live, PolicyStore shadow, PolicyListener listener) {
    this.live = Objects.requireNonNull(live, "live");
    this.shadow = Objects.requireNonNull(shadow, "shadow");
    this.listener = Objects.requireNonNull(listener, "listener");
    shadow.addListener(
        new PolicyListener() {
          @Override
          public void reloaded(ReloadEvent event) {
            if (event.changed()) {
              follow(event.live());
            }
          }
        });
    follow(shadow.live());
  }

  @Override
  public Decision evaluate(EgressRequest request) {
    PolicySnapshot l = live.live();
    if (l == null) {
      return live.evaluate(request);
    }
    Decision decision = live.evaluate(l, request);
    Shadow s = current;
    if (s != null) {
      compare(request, l, decision, s);
    }
    return decision;
  }

  private void compare(EgressRequest request, PolicySnapshot l, Decision decision, Shadow s) {
    try {
      Decision would = s.snapshot().policy().evaluate(request);
      compared.increment();
      if (disagree(decision, would)) {
        s.disagreements().increment(would.ruleId());
        listener.shadowDisagreed(
            new ShadowDisagreement(
                request,
                decision,
                would,
                l.version(),
                l.contentHash(),
                s.snapshot().version(),
                s.snapshot().contentHash()));
      }
    } catch (RuntimeException e) {
      failures.increment();
      log.log(System.Logger.Level.WARNING, "shadow policy evaluation failed: " + e, e);
    }
  }

  static boolean disagree(Decision live, Decision shadow) {
    return live.action() != shadow.action()
        || (live.action() == Action.REDACT && !Objects.equals(live.redactor(), shadow.redactor()));
  }

  /** Disagreements of the current shadow version by shadow rule id, non-zero only. */
  public Map<String, Long> disagreements() {
    Shadow s = current;
    return s == null ? Map.of() : s.disagreements().nonZero();
  }

  /** Decisions the shadow policy was evaluated for. */
  public long compared() {
    return compared.sum();
  }

  /** Shadow evaluations that threw (the live decision stood). */
  public long failures() {
    return failures.sum();
  }

  public PolicyStore shadowStore() {
    return shadow;
  }

  public PolicyStore liveStore() {
    return live;
  }

  private synchronized void follow(PolicySnapshot snapshot) {
    if (snapshot == null) {
      return;
    }
    Set<String> ids = new LinkedHashSet<>(snapshot.policy().ruleIds());
    ids.add("default");
    Shadow previous = current;
    current =
        new Shadow(
            snapshot,
            RuleCounters.of(ids, previous == null ? RuleCounters.EMPTY : previous.disagreements()));
  }
}
