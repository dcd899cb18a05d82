package dev.agentgate.policy;

import dev.agentgate.policy.agents.Identification;
import java.util.List;
import java.util.Objects;

/**
 * The engine's answer for one phase. Every decision names the rule that gave it (the default rule's
 * id is {@code "default"}) and a reason a person can read.
 *
 * @param action what to do now; {@link Action#CONTINUE} means look at the next phase
 * @param ruleId the id of the deciding rule, never null
 * @param reason why, for logs, audit and the block page
 * @param message the policy author's message for a block (shown to the agent and its user), or
 *     {@code null}
 * @param redactor the redactor id for {@link Action#REDACT}, otherwise {@code null}
 * @param reports report-mode rules that matched before the deciding rule: what they would have
 *     done, recorded but not enforced
 * @param agent who the engine thinks is talking
 */
public record Decision(
    Action action,
    String ruleId,
    String reason,
    String message,
    String redactor,
    List<ReportedMatch> reports,
    Identification agent) {

  public Decision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(reason, "reason");
    reports = reports == null ? List.of() : List.copyOf(reports);
    agent = agent == null ? Identification.UNKNOWN : agent;
  }

  /** True when the action is final at this phase (anything but CONTINUE). */
  public boolean isFinal() {
    return action != Action.CONTINUE;
  }

  /** A report-mode rule that matched: what it would have done. */
  public record ReportedMatch(String ruleId, Action wouldHave, String reason) {}
}
