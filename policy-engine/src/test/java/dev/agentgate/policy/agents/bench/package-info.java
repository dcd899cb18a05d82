/** JMH benchmarks of agent identification (run with the bench profile, never in CI). */
package dev.agentgate.policy.agents.bench;
