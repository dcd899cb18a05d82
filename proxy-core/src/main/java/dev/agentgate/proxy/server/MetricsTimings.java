package dev.agentgate.proxy.server;

import dev.agentgate.proxy.observe.metrics.ProxyMetrics;
import dev.agentgate.proxy.upstream.UpstreamTimings;

/** DNS and upstream connect times into their timers. */
final class MetricsTimings implements UpstreamTimings {
  private final ProxyMetrics metrics;

  MetricsTimings(ProxyMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void nameResolved(long nanos) {
    metrics.dns(nanos);
  }

  @Override
  public void connected(long nanos) {
    metrics.upstreamConnect(nanos);
  }
}
