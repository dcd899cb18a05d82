/**
 * The agent catalog ({@link dev.agentgate.policy.agents.AgentCatalog}, built in from {@code
 * catalog.yaml}) and the identifier that turns the facts of a phase into an {@link
 * dev.agentgate.policy.agents.Identification}; start reading at {@link
 * dev.agentgate.policy.agents.AgentIdentifier}.
 */
package dev.agentgate.policy.agents;
