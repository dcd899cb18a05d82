package dev.agentgate.proxy.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoints: {@code /healthz} (the process serves), {@code /readyz} (a policy is loaded;
 * JSON with its version, hash and the last reload), {@code /metrics} (Prometheus text), and the
 * policy API under {@code /v1/} when configured (authenticated by {@link AdminGate} before the body
 * is read). One instance per connection: an API answer that is computed on the policy thread
 * arrives later, so reading pauses until it is written and requests are answered in order.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Supplier<PolicyStatus> policy;
  private final Supplier<String> metrics;
  private final PolicyApi api;
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  private boolean busy;

  AdminHandler(Supplier<PolicyStatus> policy, Supplier<String> metrics, PolicyApi api) {
    this.policy = policy;
    this.metrics = metrics;
    this.api = api;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (busy) {
      waiting.add(request.retain());
      return;
    }
    serve(ctx, request);
  }

  private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
    CompletableFuture<AdminResponse> answer;
    try {
      answer = route(request);
    } catch (RuntimeException e) {
      log.warn("admin request failed: {}", e.toString());
      answer = CompletableFuture.completedFuture(AdminResponse.error(500, "internal error"));
    }
    if (answer.isDone() && !answer.isCompletedExceptionally()) {
      write(ctx, answer.getNow(null), keepAlive);
      return;
    }
    busy = true;
    ctx.channel().config().setAutoRead(false);
    answer.whenComplete(
        (response, failure) ->
            ctx.executor()
                .execute(
                    () -> {
                      AdminResponse r = response;
                      if (failure != null) {
                        log.warn("admin request failed: {}", failure.toString());
                        r = AdminResponse.error(503, "policy thread unavailable");
                      }
                      write(ctx, r, keepAlive);
                      busy = false;
                      ctx.channel().config().setAutoRead(true);
                      serveWaiting(ctx);
                    }));
  }

  private void serveWaiting(ChannelHandlerContext ctx) {
    FullHttpRequest next;
    while (!busy && (next = waiting.poll()) != null) {
      try {
        serve(ctx, next);
      } finally {
        next.release();
      }
    }
  }

  private CompletableFuture<AdminResponse> route(FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      return done(AdminResponse.text(400, "bad request\n"));
    }
    String path = new QueryStringDecoder(request.uri()).path();
    if (api != null && path.startsWith("/v1/")) {
      return api.handle(request, path);
    }
    if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
      return done(AdminResponse.text(405, "use GET\n").withHeader("Allow", "GET, HEAD"));
    }
    switch (path) {
      case "/healthz":
        return done(AdminResponse.text(200, "ok\n"));
      case "/readyz":
        return done(api != null ? api.readiness() : readiness(policy.get()));
      case "/metrics":
        return done(new AdminResponse(200, PROMETHEUS_TEXT, metrics.get(), Map.of()));
      default:
        return done(AdminResponse.text(404, "not found\n"));
    }
  }

  private static AdminResponse readiness(PolicyStatus status) {
    if (status == null) {
      return AdminResponse.json(503, "{\"status\":\"not ready\"}");
    }
    return AdminResponse.json(
        200,
        "{\"status\":\"ready\",\"policy\":{\"version\":"
            + Json.string(status.version())
            + ",\"hash\":"
            + Json.string(status.contentHash())
            + "}}");
  }

  private static CompletableFuture<AdminResponse> done(AdminResponse r) {
    return CompletableFuture.completedFuture(r);
  }

  private static void write(ChannelHandlerContext ctx, AdminResponse r, boolean keepAlive) {
    if (!ctx.channel().isActive()) {
      return;
    }
    ByteBuf content = ByteBufUtil.writeUtf8(ctx.alloc(), r.body());
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()), content);
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, r.contentType())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    r.headers().forEach((name, value) -> response.headers().set(name, value));
    HttpUtil.setKeepAlive(response, keepAlive);
    if (keepAlive) {
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    FullHttpRequest r;
    while ((r = waiting.poll()) != null) {
      r.release();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof IOException)) {
      log.warn("admin request failed: {}", cause.toString());
    }
    ctx.close();
  }
}
