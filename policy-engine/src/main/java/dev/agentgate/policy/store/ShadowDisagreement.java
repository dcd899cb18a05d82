package dev.agentgate.policy.store;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;

/**
 * One decision on which the shadow policy disagreed with the live one (a different action, or a
 * different redactor): an event for the audit log.
 *
 * @param request the facts both policies saw
 * @param live the decision the proxy acted on
 * @param shadow what the shadow policy would have decided
 * @param liveVersion the live policy's version
 * @param liveHash the live policy's content hash
 * @param shadowVersion the shadow policy's version
 * @param shadowHash the shadow policy's content hash
 */
public record ShadowDisagreement(
    EgressRequest request,
    Decision live,
    Decision shadow,
    String liveVersion,
    String liveHash,
    String shadowVersion,
    String shadowHash) {}
