/**
 * Prometheus metrics: {@link dev.agentgate.proxy.observe.metrics.ProxyMetrics} creates every meter
 * once and exposes typed, allocation-free recording methods (start reading there); {@link
 * dev.agentgate.proxy.observe.metrics.MetricsObserver} records what the pipeline reports.
 */
package dev.agentgate.proxy.observe.metrics;
