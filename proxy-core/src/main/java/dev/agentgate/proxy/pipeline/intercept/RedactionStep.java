package dev.agentgate.proxy.pipeline.intercept;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.redact.RedactionResult;
import dev.agentgate.policy.redact.Redactor;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ProxyError;
import dev.agentgate.proxy.observe.Redaction;
import dev.agentgate.proxy.observe.Redaction.Outcome;
import dev.agentgate.proxy.pipeline.PolicyGate;
import dev.agentgate.proxy.pipeline.ProxyResponses;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request under a {@code redact} decision: gathers its body (up to the redactor's {@code
 * max_body_bytes}), runs the redactor, and then has the request handler forward the body whole,
 * rewritten when secrets were replaced (uncompressed, fixed Content-Length), or refuse it (403
 * naming the detectors, or the reason the body could not be inspected). The decision is reported
 * once, when the body has been dealt with, carrying the findings; never a secret value.
 */
final class RedactionStep {
  private static final Logger log = LoggerFactory.getLogger(RedactionStep.class);

  private final InterceptedRequestHandler handler;
  private final PolicyGate gate;
  private final ConnectionFacts facts;
  private final Redactors redactors;
  private final Executor workers;
  private PendingRedaction pending;
  private boolean inspecting;

  RedactionStep(
      InterceptedRequestHandler handler,
      PolicyGate gate,
      ConnectionFacts facts,
      Redactors redactors,
      Executor workers) {
    this.handler = handler;
    this.gate = gate;
    this.facts = facts;
    this.redactors = redactors;
    this.workers = workers;
  }

  /** True while the body is still arriving (its pieces belong here). */
  boolean gathering() {
    return pending != null && !inspecting;
  }

  /** Starts on a request head decided {@code redact}. */
  void start(HttpRequest request, EgressRequest http, Decision decision, long headAt) {
    ChannelHandlerContext ctx = handler.context();
    Redactor redactor = redactors.forId(decision.redactor()).orElse(null);
    if (redactor == null) {
      gate.report(facts, http, decision);
      Decision refused =
          gate.refuse(
              facts,
              http,
              "builtin:redaction",
              "redactor " + decision.redactor() + " is not available");
      handler.respondAndClose(ProxyResponses.blocked(refused, ctx.alloc()));
      return;
    }
    if (InterceptedRequests.bodiless(request)) {
      gate.reportRedaction(facts, http, decision, Redaction.of(Outcome.UNCHANGED, null));
      handler.forward(request, null, headAt);
      return;
    }
    int max = redactor.spec().maxBodyBytes();
    long declared = HttpUtil.getContentLength(request, -1L);
    long proxyNanos = System.nanoTime() - headAt;
    if (declared > max) {
      PendingRedaction p =
          new PendingRedaction(request, http, decision, redactor, null, proxyNanos);
      uninspectable(p, "body of " + declared + " bytes exceeds max_body_bytes " + max);
      return;
    }
    if (HttpUtil.is100ContinueExpected(request)) {
      // The body is needed here before anything goes upstream, so the proxy answers the
      // expectation itself and the upstream never sees it.
      request.headers().remove(HttpHeaderNames.EXPECT);
      ctx.writeAndFlush(
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
    }
    pending =
        new PendingRedaction(
            request, http, decision, redactor, new BodyCollector(ctx.alloc(), max), proxyNanos);
    inspecting = false;
  }

  /** A piece of the body (ownership passes here). */
  void add(HttpContent content) {
    PendingRedaction p = pending;
    if (!p.body().add(content)) {
      pending = null;
      uninspectable(p, "body exceeds max_body_bytes " + p.redactor().spec().maxBodyBytes());
      return;
    }
    if (p.body().complete()) {
      inspect(p);
    }
  }

  /** The connection is going away: a pending decision is reported as abandoned. */
  void abandon(String reason) {
    PendingRedaction p = pending;
    if (p == null) {
      return;
    }
    pending = null;
    inspecting = false;
    long size = p.body().size();
    p.body().release();
    gate.reportRedaction(
        facts, p.facts(), p.decision(), new Redaction(Outcome.ABANDONED, List.of(), reason, size));
  }

  private void inspect(PendingRedaction p) {
    inspecting = true;
    HttpHeaders headers = p.request().headers();
    byte[] body = p.body().takeBytes();
    long started = System.nanoTime();
    RedactionTask.run(
            p.redactor(),
            headers.get(HttpHeaderNames.CONTENT_TYPE),
            headers.get(HttpHeaderNames.CONTENT_ENCODING),
            body,
            workers,
            handler.context().executor())
        .addListener(f -> inspected(p, body, f, started));
  }

  private void inspected(PendingRedaction p, byte[] body, Future<?> f, long started) {
    if (pending != p || handler.closing()) {
      return; // abandoned meanwhile, and reported as such
    }
    pending = null;
    inspecting = false;
    long proxyNanos = p.proxyNanos() + System.nanoTime() - started;
    if (!f.isSuccess()) {
      failed(p, body.length, f.cause());
      return;
    }
    RedactionResult result = (RedactionResult) f.getNow();
    Outcome outcome =
        switch (result.outcome()) {
          case UNCHANGED -> Outcome.UNCHANGED;
          case REDACTED -> Outcome.REDACTED;
          case BLOCKED -> Outcome.BLOCKED;
          case UNINSPECTABLE ->
              result.refused() ? Outcome.UNINSPECTABLE_REFUSED : Outcome.UNINSPECTABLE_ALLOWED;
        };
    gate.reportRedaction(
        facts,
        p.facts(),
        p.decision(),
        new Redaction(outcome, result.findings(), result.reason(), body.length));
    switch (outcome) {
      case BLOCKED ->
          handler.refuse(
              p.request(),
              InterceptedRequests.findingsBlock(p.decision(), result.detectors()),
              true);
      case UNINSPECTABLE_REFUSED ->
          handler.refuse(
              p.request(),
              InterceptedRequests.uninspectableBlock(p.decision(), result.reason()),
              true);
      case REDACTED -> sendWhole(p.request(), result.body(), true, proxyNanos);
      default -> sendWhole(p.request(), body, false, proxyNanos);
    }
  }

  /** The redactor could not run: saturated (503, try again) or a bug (503, logged). */
  private void failed(PendingRedaction p, int size, Throwable cause) {
    boolean saturated = cause instanceof RejectedExecutionException;
    String reason = saturated ? "redaction is saturated" : "redaction failed";
    if (!saturated) {
      log.warn("redaction failed on connection {}: {}", facts.id(), cause.toString());
      gate.observer().error(facts, ProxyError.INTERNAL);
    }
    gate.reportRedaction(
        facts, p.facts(), p.decision(), new Redaction(Outcome.ABANDONED, List.of(), reason, size));
    handler.respondAndClose(
        ProxyResponses.error(
            HttpResponseStatus.SERVICE_UNAVAILABLE,
            reason + ", try again",
            handler.context().alloc()));
  }

  /**
   * A body that cannot be inspected: refused under {@code on_uninspectable: block} (the default),
   * else sent on untouched, the part gathered so far first.
   */
  private void uninspectable(PendingRedaction p, String reason) {
    RedactionResult result = p.redactor().uninspectable(reason);
    BodyCollector body = p.body();
    long size = body == null ? 0 : body.size();
    Outcome outcome =
        result.refused() ? Outcome.UNINSPECTABLE_REFUSED : Outcome.UNINSPECTABLE_ALLOWED;
    gate.reportRedaction(
        facts, p.facts(), p.decision(), new Redaction(outcome, List.of(), reason, size));
    if (result.refused()) {
      boolean bodyRead = body != null && body.complete();
      if (body != null) {
        body.release();
      }
      handler.refuse(
          p.request(), InterceptedRequests.uninspectableBlock(p.decision(), reason), bodyRead);
      return;
    }
    HttpContent first = null;
    if (body != null) {
      boolean last = body.complete();
      ByteBuf bytes = body.takeBuffer();
      first = last ? new DefaultLastHttpContent(bytes) : new DefaultHttpContent(bytes);
    }
    handler.forward(p.request(), first, System.nanoTime() - p.proxyNanos());
  }

  private void sendWhole(HttpRequest request, byte[] body, boolean decoded, long proxyNanos) {
    InterceptedRequests.fixedBody(request, body.length, decoded);
    handler.forward(
        request,
        new DefaultLastHttpContent(Unpooled.wrappedBuffer(body)),
        System.nanoTime() - proxyNanos);
  }
}
