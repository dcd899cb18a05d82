package dev.agentgate.proxy.reload;

import dev.agentgate.policy.store.PolicyListener;
import dev.agentgate.policy.store.PolicyRole;
import dev.agentgate.policy.store.ReloadEvent;
import dev.agentgate.policy.store.ShadowDisagreement;
import dev.agentgate.proxy.observe.metrics.ProxyMetrics;
import dev.agentgate.proxy.observe.metrics.ReloadResult;
import dev.agentgate.proxy.observe.metrics.ReloadSource;

/**
 * Counts the live policy's reloads in the metrics (by source and result) and swaps the info series
 * and per-rule meters when a new version goes live. Runs on the policy thread, as the metrics ask.
 * The shadow policy's reloads are not the live policy's and are not counted here; its disagreements
 * are, by the live rule that decided (on the event loop: one lookup, no allocation).
 */
public final class PolicyMetrics implements PolicyListener {
  private final ProxyMetrics metrics;

  public PolicyMetrics(ProxyMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void reloaded(ReloadEvent e) {
    if (e.role() != PolicyRole.LIVE) {
      return;
    }
    ReloadSource source = ReloadSource.valueOf(e.source().name());
    switch (e.result()) {
      case APPLIED -> metrics.policyLoaded(source, e.live().policy());
      case UNCHANGED -> metrics.policyReload(source, ReloadResult.SUCCESS);
      case REJECTED -> metrics.policyReload(source, ReloadResult.REJECTED);
      case ERROR -> metrics.policyReload(source, ReloadResult.ERROR);
    }
  }

  @Override
  public void shadowDisagreed(ShadowDisagreement e) {
    metrics.shadowDisagreement(e.live().ruleId());
  }
}
