package dev.agentgate.proxy.admin;

import dev.agentgate.proxy.config.HostPort;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.function.Supplier;

/**
 * The admin listener, on the proxy's one event loop group: health, readiness, metrics, and the
 * policy API when one is given. Requests are answered from memory or, for policy changes, from the
 * policy thread, so they never block a loop.
 */
public final class AdminServer {
  private static final int MAX_REQUEST = 16 * 1024;
  private static final int IDLE_SECONDS = 60;

  private final Supplier<PolicyStatus> policy;
  private final Supplier<String> metrics;
  private final PolicyApi api;

  /**
   * @param policy the policy in force, or null while none is loaded (not ready)
   * @param metrics the Prometheus text exposition for {@code /metrics}
   */
  public AdminServer(Supplier<PolicyStatus> policy, Supplier<String> metrics) {
    this(policy, metrics, null);
  }

  /**
   * @param api the policy API under {@code /v1/} (it also answers {@code /readyz}), or {@code null}
   *     for none
   */
  public AdminServer(Supplier<PolicyStatus> policy, Supplier<String> metrics, PolicyApi api) {
    this.policy = policy;
    this.metrics = metrics;
    this.api = api;
  }

  /** Binds {@code address}; the returned future completes when bound. */
  public ChannelFuture bind(
      EventLoopGroup group,
      Class<? extends ServerChannel> channelType,
      ByteBufAllocator allocator,
      HostPort address) {
    return new ServerBootstrap()
        .group(group)
        .channel(channelType)
        .childOption(ChannelOption.ALLOCATOR, allocator)
        .childHandler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                ch.pipeline()
                    .addLast(new ReadTimeoutHandler(IDLE_SECONDS))
                    .addLast(new HttpServerCodec())
                    .addLast(new AdminGate(api == null ? null : api.token()))
                    .addLast(
                        new HttpObjectAggregator(api == null ? MAX_REQUEST : api.maxBodyBytes()))
                    .addLast(new AdminHandler(policy, metrics, api));
              }
            })
        .bind(address.toSocketAddress());
  }
}
