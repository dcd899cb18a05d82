package dev.agentgate.proxy.observe.audit;

import dev.agentgate.policy.Action;

/**
 * What the shadow policy would have decided where it disagreed with the live one (whose decision is
 * the event's own phase, action and rule).
 *
 * @param ruleId the shadow rule that would have decided
 * @param action what it would have done
 * @param reason its reason
 * @param version the shadow policy's version
 * @param hash the shadow policy's content hash
 */
public record AuditShadow(
    String ruleId, Action action, String reason, String version, String hash) {}
