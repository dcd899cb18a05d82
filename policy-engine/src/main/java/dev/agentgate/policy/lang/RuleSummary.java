package dev.agentgate.policy.lang;

import dev.agentgate.policy.Action;

/**
 * A rule as a person reads it, for explanations and the admin API.
 *
 * @param match the conditions as written, e.g. "host [api.openai.com], group [eng]"
 * @param line the rule's line in the policy source
 */
public record RuleSummary(
    String id,
    String description,
    boolean reportMode,
    Action action,
    String message,
    String redactor,
    String match,
    int line) {}
