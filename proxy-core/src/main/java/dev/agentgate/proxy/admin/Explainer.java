package dev.agentgate.proxy.admin;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.agents.Identification;
import dev.agentgate.policy.lang.CompiledPolicy;
import dev.agentgate.policy.lang.RuleSummary;
import dev.agentgate.policy.store.PolicySnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers "what would the proxy do with these facts": the agent identified and the decision at each
 * phase, phase after phase until one is final, exactly as the proxy asks the policy. Reads a
 * snapshot directly, so an explanation is not counted as a decision.
 */
final class Explainer {
  private Explainer() {}

  static Map<String, Object> explain(PolicySnapshot snapshot, ExplainFacts facts) {
    CompiledPolicy policy = snapshot.policy();
    Map<String, Integer> lines = null;
    List<Map<String, Object>> trace = new ArrayList<>();
    Decision last = null;
    Identification agent = Identification.UNKNOWN;
    for (EgressRequest request : facts.phases()) {
      agent = policy.identify(request);
      last = policy.evaluate(request, agent);
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("phase", PolicyJson.name(request.phase()));
      step.put("agent", PolicyJson.agent(agent));
      step.putAll(PolicyJson.decision(last));
      if (lines == null) {
        lines = ruleLines(policy);
      }
      step.put("rule_line", lines.get(last.ruleId()));
      trace.add(step);
      if (last.isFinal()) {
        break;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("policy", PolicyJson.brief(snapshot));
    out.put("agent", PolicyJson.agent(agent));
    out.put("decision", PolicyJson.decision(last));
    out.put("decided_at", PolicyJson.name(facts.phases().get(trace.size() - 1).phase()));
    out.put("final", last.isFinal());
    out.put("trace", trace);
    return out;
  }

  private static Map<String, Integer> ruleLines(CompiledPolicy policy) {
    Map<String, Integer> lines = new HashMap<>();
    for (RuleSummary r : policy.rules()) {
      lines.put(r.id(), r.line());
    }
    return lines;
  }
}
