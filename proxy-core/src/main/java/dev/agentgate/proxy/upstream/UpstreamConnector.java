package dev.agentgate.proxy.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens upstream connections on the client channel's own event loop, so a connection's two channels
 * share one thread and its state needs no locks. Connects to the checked addresses of a {@link
 * Destination} in order until one answers. The new channel does not read until its owner turns
 * auto-read on, so nothing arrives before the pipeline is complete.
 */
public final class UpstreamConnector {
  private static final Logger log = LoggerFactory.getLogger(UpstreamConnector.class);

  /** First on every upstream channel: closes it on an error no later handler takes. */
  private static final ChannelHandler ERRORS = new CloseOnError();

  private final Class<? extends Channel> channelType;
  private final ByteBufAllocator allocator;
  private final int connectTimeoutMillis;
  private final UpstreamTimings timings;

  public UpstreamConnector(
      Class<? extends Channel> channelType, ByteBufAllocator allocator, Duration connectTimeout) {
    this(channelType, allocator, connectTimeout, UpstreamTimings.NONE);
  }

  /**
   * @param timings told the duration of every successful connect
   */
  public UpstreamConnector(
      Class<? extends Channel> channelType,
      ByteBufAllocator allocator,
      Duration connectTimeout,
      UpstreamTimings timings) {
    this.channelType = channelType;
    this.allocator = allocator;
    this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    this.timings = timings;
  }

  /**
   * Connects to {@code destination} on {@code loop}. Completes on {@code loop} with a channel whose
   * auto-read is off and whose pipeline holds only an error handler: the caller adds its handlers
   * (last), then reads.
   */
  public Future<Channel> connect(Destination destination, EventLoop loop) {
    Promise<Channel> promise = loop.newPromise();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(channelType)
            .option(ChannelOption.ALLOCATOR, allocator)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
            .handler(ERRORS)
            // The addresses are checked ones: connect to them as they are, never resolve again.
            .resolver(NoopAddressResolverGroup.INSTANCE);
    attempt(bootstrap, destination.addresses(), 0, promise, System.nanoTime());
    return promise;
  }

  private void attempt(
      Bootstrap bootstrap,
      List<InetSocketAddress> addresses,
      int index,
      Promise<Channel> promise,
      long started) {
    ChannelFuture f = bootstrap.connect(addresses.get(index));
    f.addListener(
        done -> {
          if (f.isSuccess()) {
            if (promise.trySuccess(f.channel())) {
              timings.connected(System.nanoTime() - started);
            } else {
              f.channel().close();
            }
          } else if (index + 1 < addresses.size() && !promise.isDone()) {
            attempt(bootstrap, addresses, index + 1, promise, started);
          } else {
            promise.tryFailure(f.cause());
          }
        });
  }

  /**
   * Until the caller's handlers are in place (a reset right after the connect), errors stop here
   * and close the channel; afterwards they pass on to those handlers.
   */
  @ChannelHandler.Sharable
  private static final class CloseOnError extends ChannelInboundHandlerAdapter {
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (ctx.pipeline().last() != this) {
        ctx.fireExceptionCaught(cause);
        return;
      }
      if (!(cause instanceof IOException)) {
        log.warn("upstream connection {} failed: {}", ctx.channel(), cause.toString());
      }
      ctx.close();
    }
  }
}
