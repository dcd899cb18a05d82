package dev.agentgate.proxy.observe.audit;

import dev.agentgate.policy.Action;

/** A report-mode rule that matched: what it would have done, recorded but not enforced. */
public record AuditReport(String ruleId, Action wouldHave, String reason) {}
