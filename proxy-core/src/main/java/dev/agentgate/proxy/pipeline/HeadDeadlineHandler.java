package dev.agentgate.proxy.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long a client may take to send a request head (slow-header clients) or, in a tunnel,
 * its ClientHello. The first head's clock starts at accept; a later head's clock starts at its
 * first byte, so a quiet keep-alive connection is left to the idle timeout. Sits before the HTTP
 * codec, so it sees raw bytes and can answer 408 without going through the encoder.
 *
 * <p>Keep-alive connections start a clock for every request, so the timer is not scheduled and
 * cancelled per request: one timer stays armed and, when it fires early, re-arms itself for the
 * time the current head has left.
 */
final class HeadDeadlineHandler extends ChannelInboundHandlerAdapter {
  private final long deadlineNanos;
  private final Runnable onExpire;
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> timer;
  private long headStart;
  private boolean awaiting = true;
  private boolean tunnel;
  private boolean expired;

  /**
   * @param onExpire reports the timeout before the close
   */
  HeadDeadlineHandler(long deadlineNanos, Runnable onExpire) {
    this.deadlineNanos = deadlineNanos;
    this.onExpire = onExpire;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    startClock();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (awaiting && headStart == 0 && msg instanceof ByteBuf b && b.isReadable()) {
      startClock();
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  /** A complete head arrived: stop the clock. */
  void headReceived() {
    awaiting = false;
    headStart = 0;
  }

  /** The previous exchange finished: the next head's clock starts at its first byte. */
  void awaitNextHead() {
    awaiting = true;
  }

  /** True once the deadline has passed and the connection was closed for it. */
  boolean expired() {
    return expired;
  }

  /** A tunnel was opened: its ClientHello must arrive within the deadline, starting now. */
  void awaitClientHello() {
    tunnel = true;
    awaiting = true;
    startClock();
  }

  private void startClock() {
    headStart = System.nanoTime();
    if (timer == null) {
      schedule(deadlineNanos);
    }
  }

  private void schedule(long delayNanos) {
    timer = ctx.executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void check() {
    timer = null;
    if (!awaiting || headStart == 0 || !ctx.channel().isActive()) {
      return;
    }
    long left = headStart + deadlineNanos - System.nanoTime();
    if (left > 0) {
      schedule(left);
      return;
    }
    expired = true;
    onExpire.run();
    if (tunnel) {
      ctx.close();
    } else {
      ctx.writeAndFlush(
              ProxyResponses.errorRaw(
                  HttpResponseStatus.REQUEST_TIMEOUT,
                  "request head not received in time",
                  ctx.alloc()))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }
}
