package dev.agentgate.proxy.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoints: {@code /healthz} (the process serves), {@code /readyz} (a policy is loaded;
 * JSON with its version and hash), {@code /metrics} (Prometheus text from the metrics supplier).
 * Stateless, so one instance serves every admin connection.
 */
@ChannelHandler.Sharable
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Supplier<PolicyStatus> policy;
  private final Supplier<String> metrics;

  AdminHandler(Supplier<PolicyStatus> policy, Supplier<String> metrics) {
    this.policy = policy;
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    FullHttpResponse response;
    if (!request.decoderResult().isSuccess()) {
      response = text(ctx, HttpResponseStatus.BAD_REQUEST, "bad request\n", "text/plain");
    } else if (!HttpMethod.GET.equals(request.method())
        && !HttpMethod.HEAD.equals(request.method())) {
      response = text(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET\n", "text/plain");
    } else {
      response = route(ctx, new QueryStringDecoder(request.uri()).path());
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
    HttpUtil.setKeepAlive(response, keepAlive);
    if (keepAlive) {
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private FullHttpResponse route(ChannelHandlerContext ctx, String path) {
    switch (path) {
      case "/healthz":
        return text(ctx, HttpResponseStatus.OK, "ok\n", "text/plain");
      case "/readyz":
        PolicyStatus status = policy.get();
        if (status == null) {
          return text(
              ctx,
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "{\"status\":\"not ready\"}\n",
              "application/json");
        }
        String json =
            "{\"status\":\"ready\",\"policy\":{\"version\":"
                + Json.string(status.version())
                + ",\"hash\":"
                + Json.string(status.contentHash())
                + "}}\n";
        return text(ctx, HttpResponseStatus.OK, json, "application/json");
      case "/metrics":
        return text(ctx, HttpResponseStatus.OK, metrics.get(), PROMETHEUS_TEXT);
      default:
        return text(ctx, HttpResponseStatus.NOT_FOUND, "not found\n", "text/plain");
    }
  }

  private static FullHttpResponse text(
      ChannelHandlerContext ctx, HttpResponseStatus status, String body, String contentType) {
    ByteBuf content = ByteBufUtil.writeUtf8(ctx.alloc(), body);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    r.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    return r;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof IOException)) {
      log.warn("admin request failed: {}", cause.toString());
    }
    ctx.close();
  }
}
