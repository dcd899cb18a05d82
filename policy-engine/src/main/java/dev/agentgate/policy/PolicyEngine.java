package dev.agentgate.policy;

/**
 * Evaluates the facts of one phase against a policy. Implementations are immutable or read one
 * volatile snapshot; evaluation takes no lock and never blocks, so the proxy calls it on its event
 * loops.
 */
@FunctionalInterface
public interface PolicyEngine {
  Decision evaluate(EgressRequest request);
}
