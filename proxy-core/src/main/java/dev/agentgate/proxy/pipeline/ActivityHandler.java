package dev.agentgate.proxy.pipeline;

import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ConnectionObserver;
import dev.agentgate.proxy.observe.ProxyError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * First in the client pipeline, next to the socket: counts the bytes each way and closes the
 * connection when no byte has moved either way for the idle timeout. Every byte of the upstream's
 * answer is written to the client through here, so the client channel alone sees all activity.
 * Socket errors (a reset client) stop here too: they are reported and the connection closed,
 * whichever phase's handlers follow; other exceptions go on to them.
 */
final class ActivityHandler extends ChannelDuplexHandler {
  private final ConnectionFacts facts;
  private final ConnectionObserver observer;
  private final long idleNanos;
  private final Runnable onIdle;
  private long lastActivity;
  private ScheduledFuture<?> check;

  /**
   * @param observer told the bytes of every read and write
   * @param onIdle reports the timeout before the close
   */
  ActivityHandler(
      ConnectionFacts facts, ConnectionObserver observer, long idleNanos, Runnable onIdle) {
    this.facts = facts;
    this.observer = observer;
    this.idleNanos = idleNanos;
    this.onIdle = onIdle;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    lastActivity = System.nanoTime();
    schedule(ctx, idleNanos);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (check != null) {
      check.cancel(false);
      check = null;
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf b) {
      int n = b.readableBytes();
      facts.addBytesFromClient(n);
      observer.bytesFromClient(facts, n);
    }
    lastActivity = System.nanoTime();
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    long n = 0;
    if (msg instanceof ByteBuf b) {
      n = b.readableBytes();
    } else if (msg instanceof ByteBufHolder h) {
      n = h.content().readableBytes();
    } else if (msg instanceof FileRegion f) {
      n = f.count();
    }
    if (n > 0) {
      facts.addBytesToClient(n);
      observer.bytesToClient(facts, n);
    }
    lastActivity = System.nanoTime();
    ctx.write(msg, promise);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      observer.error(facts, ProxyError.IO);
      ctx.close();
    } else {
      ctx.fireExceptionCaught(cause);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    handlerRemoved(ctx);
    ctx.fireChannelInactive();
  }

  private void schedule(ChannelHandlerContext ctx, long delayNanos) {
    check = ctx.executor().schedule(() -> expire(ctx), delayNanos, TimeUnit.NANOSECONDS);
  }

  private void expire(ChannelHandlerContext ctx) {
    if (!ctx.channel().isActive()) {
      return;
    }
    long idleFor = System.nanoTime() - lastActivity;
    if (idleFor >= idleNanos) {
      onIdle.run();
      ctx.close();
    } else {
      schedule(ctx, idleNanos - idleFor);
    }
  }
}
