package dev.agentgate.proxy.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits between the HTTP codec and the aggregator and looks at each request head before any body is
 * buffered: a {@code /v1/} request without the right bearer token is answered 401 or 403 and the
 * connection closed; any other request may carry at most a small body. So only an authenticated
 * client can make the admin listener buffer a policy-sized body. One per connection.
 */
final class AdminGate extends ChannelInboundHandlerAdapter {
  /** Body bytes allowed on the unauthenticated endpoints (they take none). */
  static final int SMALL_BODY = 16 * 1024;

  private final AdminToken token;
  private boolean discarding;

  /**
   * @param token the API's token, or {@code null} when the API is off (then {@code /v1/} is 404)
   */
  AdminGate(AdminToken token) {
    this.token = token;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      discarding = false;
      String path = new QueryStringDecoder(request.uri()).path();
      if (token != null && path.startsWith("/v1/")) {
        AdminToken.Check check = token.check(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (check != AdminToken.Check.OK) {
          refuse(ctx, check == AdminToken.Check.MISSING ? 401 : 403, check);
        }
      } else if (HttpUtil.isTransferEncodingChunked(request)
          || HttpUtil.getContentLength(request, 0L) > SMALL_BODY) {
        refuse(ctx, 413, null);
      }
    }
    if (discarding) {
      // The refused request's body is read and dropped, then the connection closes, so the client
      // reads the answer instead of a reset.
      if (msg instanceof LastHttpContent) {
        ctx.close();
      }
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private void refuse(ChannelHandlerContext ctx, int status, AdminToken.Check check) {
    discarding = true;
    String message =
        switch (status) {
          case 401 -> "missing bearer token (Authorization: Bearer <token>)";
          case 403 -> "wrong token";
          default -> "request body too large";
        };
    ByteBuf body = ByteBufUtil.writeUtf8(ctx.alloc(), "{\"error\":" + Json.string(message) + "}\n");
    FullHttpResponse r =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), body);
    r.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, AdminResponse.JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    if (check == AdminToken.Check.MISSING) {
      r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"agentgate\"");
    }
    ctx.writeAndFlush(r);
  }
}
