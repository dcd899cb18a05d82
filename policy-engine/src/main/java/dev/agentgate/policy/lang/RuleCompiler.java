package dev.agentgate.policy.lang;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.match.Condition;
import dev.agentgate.policy.redact.RedactorSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Compiles the ordered {@code rules:} list and the {@code default}. */
final class RuleCompiler {
  static final String DEFAULT_ID = "default";
  private static final List<String> RULE_KEYS =
      List.of("id", "description", "mode", "match", "action", "message", "redactor");
  private static final List<String> OUTCOME_KEYS = List.of("action", "message", "redactor");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final String ID_EXPECTED = "an id of letters, digits, '.', '_' and '-'";
  private static final String ACTION_EXPECTED = "allow, block or redact";

  private final Problems problems;
  private final Values values;
  private final MatchCompiler matches;
  private final Map<String, RedactorSpec> redactors;

  RuleCompiler(Problems problems, MatchContext context, Map<String, RedactorSpec> redactors) {
    this.problems = problems;
    this.values = new Values(problems);
    this.matches = new MatchCompiler(problems, context);
    this.redactors = redactors;
  }

  List<Rule> rules(Node node) {
    List<Rule> out = new ArrayList<>();
    if (node == null || Values.isNull(node)) {
      return out;
    }
    if (!(node instanceof Node.ListNode list)) {
      problems.error(node, "rules", "a list of rules");
      return out;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (Node item : list.items()) {
      Rule r = rule(item, out.size(), seen);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  /** The default: a map with action (and message or redactor), or the bare word allow. */
  Outcome defaultOutcome(Node node) {
    if (node instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.STRING) {
      if (s.text().equals("allow")) {
        return new Outcome(Action.ALLOW, null, null);
      }
      problems.error(
          node, "default", "allow, or a map with action and message (block) or redactor (redact)");
      return null;
    }
    Fields f = Fields.of(node, "default", OUTCOME_KEYS, problems);
    return f == null ? null : outcome(f);
  }

  private Rule rule(Node node, int index, Map<String, Integer> seen) {
    Fields f = Fields.of(node, "", "rules", RULE_KEYS, problems);
    if (f == null) {
      return null;
    }
    Node idNode = f.require("id", ID_EXPECTED);
    String id = idNode == null ? null : values.text(idNode, "id", ID_EXPECTED);
    if (id != null && (!ID.matcher(id).matches() || id.equals(DEFAULT_ID))) {
      problems.error(idNode, "id", ID_EXPECTED + ", other than \"default\"");
      id = null;
    } else if (id != null && seen.putIfAbsent(id, idNode.pos().line()) != null) {
      problems.error(idNode, "id", "a unique rule id (first used at line " + seen.get(id) + ")");
      id = null;
    }
    String description =
        f.get("description") == null
            ? null
            : values.text(f.get("description"), "description", "text");
    boolean report = false;
    if (f.get("mode") != null) {
      String mode = values.text(f.get("mode"), "mode", "enforce or report");
      if ("report".equals(mode)) {
        report = true;
      } else if (mode != null && !"enforce".equals(mode)) {
        problems.error(f.get("mode"), "mode", "enforce or report");
      }
    }
    List<Condition> conditions = matches.compile(f.get("match"));
    Outcome outcome = outcome(f);
    if (id == null || outcome == null) {
      return null;
    }
    return new Rule(index, id, description, report, outcome, conditions, f.pos().line());
  }

  /** Reads action, message and redactor of a rule or the default, checking they fit together. */
  private Outcome outcome(Fields f) {
    Node actionNode = f.require("action", ACTION_EXPECTED);
    String actionText =
        actionNode == null ? null : values.text(actionNode, f.name("action"), ACTION_EXPECTED);
    Node messageNode = f.get("message");
    String message =
        messageNode == null
            ? null
            : values.text(
                messageNode, f.name("message"), "the text shown to the agent and its user");
    Node redactorNode = f.get("redactor");
    String redactor =
        redactorNode == null
            ? null
            : values.text(redactorNode, f.name("redactor"), "a redactor id");
    if (actionText == null) {
      return null;
    }
    Action action;
    switch (actionText) {
      case "allow" -> action = Action.ALLOW;
      case "block" -> action = Action.BLOCK;
      case "redact" -> action = Action.REDACT;
      default -> {
        problems.error(actionNode, f.name("action"), ACTION_EXPECTED);
        return null;
      }
    }
    boolean ok = true;
    if (action == Action.BLOCK && messageNode == null) {
      problems.error(
          actionNode.pos(),
          f.name("message"),
          "missing",
          "a message for the agent and its user with action block");
      ok = false;
    }
    if (action == Action.ALLOW && messageNode != null) {
      problems.error(
          messageNode, f.name("message"), "no message with action allow (block or redact only)");
      ok = false;
    }
    if (action == Action.REDACT && redactorNode == null) {
      problems.error(
          actionNode.pos(),
          f.name("redactor"),
          "missing",
          "the id of a redactor under redactors: with action redact");
      ok = false;
    }
    if (action != Action.REDACT && redactorNode != null) {
      problems.error(
          redactorNode,
          f.name("redactor"),
          "no redactor with action " + actionText + " (redact only)");
      ok = false;
    }
    if (redactor != null && action == Action.REDACT && !redactors.containsKey(redactor)) {
      String known = redactors.isEmpty() ? "none defined" : String.join(", ", redactors.keySet());
      problems.error(
          redactorNode, f.name("redactor"), "a redactor defined under redactors: (" + known + ")");
      ok = false;
    }
    return ok ? new Outcome(action, message, action == Action.REDACT ? redactor : null) : null;
  }
}
