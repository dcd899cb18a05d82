package dev.agentgate.proxy.cli;

import dev.agentgate.policy.agents.AgentCatalog;
import dev.agentgate.policy.lang.CompiledPolicy;
import dev.agentgate.proxy.admin.PolicyStatus;
import dev.agentgate.proxy.observe.metrics.ProxyMetrics;
import dev.agentgate.proxy.observe.metrics.ReloadResult;
import dev.agentgate.proxy.observe.metrics.ReloadSource;
import java.util.List;

/** The meters {@code run} starts with: agent labels from the start-up policy's catalog. */
final class RunMetrics {
  private RunMetrics() {}

  /**
   * Meters labelled with the agents of the start-up policy's catalog (built-in agents plus the
   * policy's own; agents a later policy adds count as "unknown": labels are fixed at start-up),
   * with the start-up load counted and the policy's rule meters created.
   */
  static ProxyMetrics create(PolicyLoader.Loaded policy) {
    if (policy.engine() instanceof CompiledPolicy compiled) {
      ProxyMetrics metrics = new ProxyMetrics(compiled.catalog().ids());
      metrics.policyLoaded(ReloadSource.STARTUP, compiled);
      return metrics;
    }
    ProxyMetrics metrics = new ProxyMetrics(AgentCatalog.builtIn().ids());
    PolicyStatus status = policy.status();
    metrics.onPolicyLoaded(status.version(), status.contentHash(), List.of());
    metrics.policyReload(ReloadSource.STARTUP, ReloadResult.SUCCESS);
    return metrics;
  }
}
