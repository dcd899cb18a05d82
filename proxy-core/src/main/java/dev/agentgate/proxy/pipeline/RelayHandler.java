package dev.agentgate.proxy.pipeline;

import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ConnectionObserver;
import dev.agentgate.proxy.observe.ProxyError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splices bytes from its channel to the peer channel without copying, with backpressure: when the
 * peer cannot take more, this side stops reading until the peer drains. Both channels share one
 * event loop, so the handlers touch each other's channels without locks. When either side closes,
 * the other is flushed and closed.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(RelayHandler.class);

  private final Channel peer;
  private final ConnectionObserver observer;
  private final ConnectionFacts facts;
  private final ProxyError ioError;

  /**
   * @param ioError what an I/O exception on this handler's channel is reported as
   */
  RelayHandler(
      Channel peer, ConnectionObserver observer, ConnectionFacts facts, ProxyError ioError) {
    this.peer = peer;
    this.observer = observer;
    this.facts = facts;
    this.ioError = ioError;
  }

  /**
   * Joins {@code client} and {@code upstream}: writes {@code firstBytes} (the buffered ClientHello)
   * to the upstream first, then relays both ways.
   */
  static void splice(Channel client, Channel upstream, ByteBuf firstBytes) {
    splice(client, upstream, firstBytes, ConnectionObserver.NONE, null);
  }

  /**
   * As {@link #splice(Channel, Channel, ByteBuf)}, reporting resets (an I/O error on the upstream
   * is {@link ProxyError#UPSTREAM_RESET}, on the client {@link ProxyError#IO}) to {@code observer}.
   */
  static void splice(
      Channel client,
      Channel upstream,
      ByteBuf firstBytes,
      ConnectionObserver observer,
      ConnectionFacts facts) {
    upstream
        .pipeline()
        .addLast("relay", new RelayHandler(client, observer, facts, ProxyError.UPSTREAM_RESET));
    client.pipeline().addLast("relay", new RelayHandler(upstream, observer, facts, ProxyError.IO));
    if (firstBytes.isReadable()) {
      upstream.writeAndFlush(firstBytes, upstream.voidPromise());
    } else {
      firstBytes.release();
    }
    upstream.config().setAutoRead(true);
    client.config().setAutoRead(upstream.isWritable());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!peer.isActive()) {
      ReferenceCountUtil.release(msg);
      return;
    }
    peer.write(msg, peer.voidPromise());
    if (!peer.isWritable()) {
      // Pause before the flush: the flush may drain the peer and fire writabilityChanged at once.
      ctx.channel().config().setAutoRead(false);
      peer.flush();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    peer.flush();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable() && peer.isActive()) {
      peer.config().setAutoRead(true);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closeOnFlush(peer);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      observer.error(facts, ioError);
    } else {
      log.warn("relay error on {}: {}", ctx.channel(), cause.toString());
      observer.error(facts, ProxyError.INTERNAL);
    }
    ctx.close();
  }

  static void closeOnFlush(Channel ch) {
    if (ch.isActive()) {
      ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
