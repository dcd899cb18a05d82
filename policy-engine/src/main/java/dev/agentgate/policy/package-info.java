/**
 * The policy API: {@link dev.agentgate.policy.PolicyEngine#evaluate} takes the facts of one {@link
 * dev.agentgate.policy.Phase} ({@link dev.agentgate.policy.EgressRequest}) and returns a {@link
 * dev.agentgate.policy.Decision}. Start reading at {@code PolicyEngine}.
 */
package dev.agentgate.policy;
