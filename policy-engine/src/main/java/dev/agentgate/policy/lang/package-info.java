/**
 * The policy language: YAML text to a validated, compiled, immutable {@link
 * dev.agentgate.policy.lang.CompiledPolicy}. Start at {@link
 * dev.agentgate.policy.lang.PolicyCompiler#compile}.
 */
package dev.agentgate.policy.lang;
