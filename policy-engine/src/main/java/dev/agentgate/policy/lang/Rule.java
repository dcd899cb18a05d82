package dev.agentgate.policy.lang;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Identification;
import dev.agentgate.policy.match.Condition;
import dev.agentgate.policy.match.Tri;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * One compiled rule: its conditions in phase order and what it does. Immutable; the reason of a
 * match is built once here, not per request.
 */
final class Rule {
  final int index;
  final String id;
  final String description;
  final boolean report;
  final Outcome outcome;
  final int line;
  private final Condition[] conditions;
  private final String matchedReason;
  // The constant start of a CONTINUE reason, built once: pending() runs on every request that a
  // rule sends deeper (every plain-HTTP request at its CONNECT phase, for one).
  private final String pendingPrefix;

  Rule(
      int index,
      String id,
      String description,
      boolean report,
      Outcome outcome,
      List<Condition> conditions,
      int line) {
    this.index = index;
    this.id = id;
    this.description = description;
    this.report = report;
    this.outcome = outcome;
    this.line = line;
    this.conditions = conditions.toArray(new Condition[0]);
    this.matchedReason = "rule '" + id + "' matched: " + describeMatch();
    this.pendingPrefix = "rule '" + id + "' (" + outcome.describe() + ") needs ";
  }

  /** YES when every condition holds, NO when one fails, otherwise UNKNOWN (a fact is pending). */
  Tri match(EgressRequest request, Identification agent) {
    Tri result = Tri.YES;
    for (Condition c : conditions) {
      Tri t = c.evaluate(request, agent);
      if (t == Tri.NO) {
        return Tri.NO;
      }
      if (t == Tri.UNKNOWN) {
        result = Tri.UNKNOWN;
      }
    }
    // Nothing is unknown at the HTTP phase; a condition that still says so cannot match.
    return result == Tri.UNKNOWN && request.phase() == Phase.HTTP ? Tri.NO : result;
  }

  Decision decide(List<Decision.ReportedMatch> reports, Identification agent) {
    return new Decision(
        outcome.action(), id, matchedReason, outcome.message(), outcome.redactor(), reports, agent);
  }

  Decision pending(
      EgressRequest request, List<Decision.ReportedMatch> reports, Identification agent) {
    StringJoiner keys = new StringJoiner(", ");
    for (Condition c : conditions) {
      if (c.evaluate(request, agent) == Tri.UNKNOWN) {
        keys.add(c.key());
      }
    }
    String reason = pendingPrefix + keys + ", not known at " + request.phase();
    return new Decision(Action.CONTINUE, id, reason, null, null, reports, agent);
  }

  Decision.ReportedMatch reported() {
    return new Decision.ReportedMatch(id, outcome.action(), "report mode: " + matchedReason);
  }

  /** The conditions as the policy wrote them, e.g. "host [api.openai.com], ja4 [t13d*]". */
  String describeMatch() {
    if (conditions.length == 0) {
      return "every request";
    }
    List<String> parts = new ArrayList<>();
    for (Condition c : conditions) {
      parts.add(c.describe());
    }
    return String.join(", ", parts);
  }

  List<Condition> conditions() {
    return List.of(conditions);
  }
}
