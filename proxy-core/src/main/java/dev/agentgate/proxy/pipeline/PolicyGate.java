package dev.agentgate.proxy.pipeline;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.PolicyEngine;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ConnectionObserver;
import dev.agentgate.proxy.observe.ProxyError;
import dev.agentgate.proxy.observe.Redaction;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the proxy asks for and records decisions: calls the engine (failing closed if it
 * throws), and reports every decision acted on, including those the proxy makes itself ({@code
 * builtin:} rule ids), to the observer. Stateless; shared by all connections.
 */
public final class PolicyGate {
  private static final Logger log = LoggerFactory.getLogger(PolicyGate.class);

  private final PolicyEngine engine;
  private final ConnectionObserver observer;

  public PolicyGate(PolicyEngine engine, ConnectionObserver observer) {
    this.engine = engine;
    this.observer = observer;
  }

  /** Evaluates {@code request} and reports the decision. Never throws; never returns null. */
  public Decision decide(ConnectionFacts facts, EgressRequest request) {
    Decision decision = evaluate(facts, request);
    report(facts, request, decision);
    return decision;
  }

  /**
   * Evaluates {@code request} without reporting the decision: the caller reports it, with {@link
   * #report} or, for a {@code redact} decision at the HTTP phase, {@link #reportRedaction} once the
   * body has been inspected. Fails closed like {@link #decide}.
   */
  public Decision evaluate(ConnectionFacts facts, EgressRequest request) {
    Decision decision;
    try {
      decision = engine.evaluate(request);
      if (decision == null) {
        throw new IllegalStateException("engine returned no decision");
      }
      if (decision.action() == Action.CONTINUE && request.phase() == Phase.HTTP) {
        decision = blocked("builtin:policy-error", "policy returned CONTINUE at the HTTP phase");
      }
    } catch (RuntimeException e) {
      log.warn("policy evaluation failed for {}: {}", request.host(), e.toString());
      observer.error(facts, ProxyError.POLICY_FAILURE);
      decision = blocked("builtin:policy-error", "policy evaluation failed");
    }
    return decision;
  }

  /** Reports a block the proxy decided itself ({@code ruleId} starts with {@code builtin:}). */
  public Decision refuse(
      ConnectionFacts facts, EgressRequest request, String ruleId, String reason) {
    Decision decision = blocked(ruleId, reason);
    report(facts, request, decision);
    return decision;
  }

  /** Reports a decision made elsewhere (an interceptor's). */
  public void report(ConnectionFacts facts, EgressRequest request, Decision decision) {
    facts.lastDecision(decision);
    observer.decided(facts, request, decision);
  }

  /** Reports a {@code redact} decision of the HTTP phase with what inspecting the body gave. */
  public void reportRedaction(
      ConnectionFacts facts, EgressRequest request, Decision decision, Redaction redaction) {
    facts.lastDecision(decision);
    observer.redacted(facts, request, decision, redaction);
  }

  public ConnectionObserver observer() {
    return observer;
  }

  private static Decision blocked(String ruleId, String reason) {
    return new Decision(Action.BLOCK, ruleId, reason, null, null, List.of(), null);
  }
}
