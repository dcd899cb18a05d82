/** JMH benchmarks of the policy engine (test scope; run with the bench profile, never in CI). */
package dev.agentgate.policy.bench;
