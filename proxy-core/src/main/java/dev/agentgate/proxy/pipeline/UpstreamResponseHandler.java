package dev.agentgate.proxy.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;

/**
 * Last on a plain-HTTP upstream channel: hands the decoded response to its {@link HttpForwarder}.
 */
final class UpstreamResponseHandler extends ChannelInboundHandlerAdapter {
  private final HttpForwarder forwarder;

  UpstreamResponseHandler(HttpForwarder forwarder) {
    this.forwarder = forwarder;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpObject o) {
      forwarder.onResponse(ctx.channel(), o);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    forwarder.flushClient();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    forwarder.upstreamWritabilityChanged(ctx.channel());
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    forwarder.upstreamClosed(ctx.channel());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof IOException)) {
      forwarder.upstreamFailed(ctx.channel());
    }
    ctx.close();
  }
}
