package dev.agentgate.proxy.testing;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.PolicyEngine;
import java.util.List;

/** Small policies for tests, written as lambdas until YAML policies can be compiled. */
public final class Policies {
  public static final PolicyEngine ALLOW_ALL = r -> allow("test-allow-all");

  private Policies() {}

  public static Decision allow(String ruleId) {
    return new Decision(Action.ALLOW, ruleId, "allowed by " + ruleId, null, null, List.of(), null);
  }

  public static Decision block(String ruleId, String reason, String message) {
    return new Decision(Action.BLOCK, ruleId, reason, message, null, List.of(), null);
  }

  public static Decision continueWith(String ruleId) {
    return new Decision(
        Action.CONTINUE, ruleId, ruleId + " needs later facts", null, null, List.of(), null);
  }
}
