package dev.agentgate.proxy.pipeline.intercept;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.redact.Redactor;
import io.netty.handler.codec.http.HttpRequest;

/**
 * A request under a {@code redact} decision whose body is being gathered or inspected; its decision
 * is reported (with the findings) once, when this ends.
 *
 * @param request the request head, held back until the body is decided
 * @param facts the request's HTTP-phase facts
 * @param decision the {@code redact} decision
 * @param redactor the redactor it names
 * @param body the body gathered so far
 * @param proxyNanos the proxy's own time on the request so far (the client's pauses excluded)
 */
record PendingRedaction(
    HttpRequest request,
    EgressRequest facts,
    Decision decision,
    Redactor redactor,
    BodyCollector body,
    long proxyNanos) {}
