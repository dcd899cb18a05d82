/** The agent catalog and the identifier that turns facts into an {@link Identification}. */
package dev.agentgate.policy.agents;
