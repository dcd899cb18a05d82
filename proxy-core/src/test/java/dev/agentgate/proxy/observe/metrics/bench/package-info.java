/** JMH benchmarks of the metrics hot path (run with the bench profile, never in CI). */
package dev.agentgate.proxy.observe.metrics.bench;
