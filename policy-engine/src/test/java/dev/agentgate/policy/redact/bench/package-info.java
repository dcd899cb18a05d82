/** JMH benchmarks of redaction (run with the bench profile, never in CI). */
package dev.agentgate.policy.redact.bench;
