package dev.agentgate.proxy.server;

import dev.agentgate.policy.PolicyEngine;
import dev.agentgate.proxy.admin.AdminServer;
import dev.agentgate.proxy.admin.PolicyApi;
import dev.agentgate.proxy.admin.PolicyStatus;
import dev.agentgate.proxy.config.HostPort;
import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.identity.IdentityResolver;
import dev.agentgate.proxy.observe.ConnectionObserver;
import dev.agentgate.proxy.observe.audit.AuditSink;
import dev.agentgate.proxy.observe.metrics.MetricsObserver;
import dev.agentgate.proxy.observe.metrics.ProxyMetrics;
import dev.agentgate.proxy.pipeline.ClientChannelInitializer;
import dev.agentgate.proxy.pipeline.Interceptor;
import dev.agentgate.proxy.pipeline.PolicyGate;
import dev.agentgate.proxy.pipeline.ProxyServices;
import dev.agentgate.proxy.upstream.DestinationGuard;
import dev.agentgate.proxy.upstream.DestinationResolver;
import dev.agentgate.proxy.upstream.DnsLookup;
import dev.agentgate.proxy.upstream.UpstreamConnector;
import dev.agentgate.proxy.upstream.UpstreamTimings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running proxy: one event loop group for accept and all I/O (proxy listeners, upstream
 * connections, DNS, admin), pooled buffers, and a graceful {@link #shutdown}.
 */
public final class ProxyServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);

  private final ProxyConfig config;
  private final EventLoopGroup group;
  private final DnsLookup dns;
  private final ConnectionTracker tracker;
  private final List<Channel> proxyChannels;
  private final Channel adminChannel;
  private final Transport transport;

  private ProxyServer(Builder b) throws IOException {
    this.config = b.config;
    this.transport = Transport.detect();
    this.group = transport.newGroup(config.ioThreads());
    ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    this.tracker = new ConnectionTracker(config.limits().maxConnectionsPerClient());
    this.dns =
        new DnsLookup(
            group,
            transport.datagramChannel(),
            transport.socketChannel(),
            config.timeouts().connect());
    ConnectionObserver observer = b.observer;
    UpstreamTimings timings = UpstreamTimings.NONE;
    Supplier<String> scrape = () -> "";
    if (b.metrics != null) {
      ProxyMetrics metrics = b.metrics;
      metrics.bindNetty(group, allocator);
      observer = ConnectionObserver.all(List.of(new MetricsObserver(metrics), b.observer));
      timings = new MetricsTimings(metrics);
      scrape = metrics::scrape;
    }
    ProxyServices services =
        new ProxyServices(
            config,
            new PolicyGate(b.engine, observer),
            new DestinationResolver(
                config.upstream().overrides(),
                new DestinationGuard(config.upstream().allowedPrivateRanges()),
                dns,
                timings),
            new UpstreamConnector(
                transport.upstreamChannel(), allocator, config.timeouts().connect(), timings),
            b.interceptor,
            tracker,
            b.identity,
            b.audit);
    List<Channel> bound = new ArrayList<>();
    Channel admin = null;
    try {
      ServerBootstrap proxy =
          new ServerBootstrap()
              .group(group)
              .channel(transport.serverChannel())
              .option(ChannelOption.SO_BACKLOG, 4096)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childOption(ChannelOption.ALLOCATOR, allocator)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(new ClientChannelInitializer(services));
      for (HostPort listen : config.proxyListeners()) {
        bound.add(bind(proxy.bind(listen.toSocketAddress()), "proxy", listen));
      }
      if (config.adminListener() != null) {
        AdminServer adminServer = new AdminServer(b.policyStatus, scrape, b.policyApi);
        ChannelFuture f =
            adminServer.bind(group, transport.serverChannel(), allocator, config.adminListener());
        admin = bind(f, "admin", config.adminListener());
      }
    } catch (IOException | RuntimeException e) {
      bound.forEach(Channel::close);
      dns.close();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
    this.proxyChannels = List.copyOf(bound);
    this.adminChannel = admin;
    log.info(
        "agentgate proxy on {} (admin {}), transport {}",
        proxyAddresses(),
        admin == null ? "off" : adminAddress(),
        transport.name());
  }

  public static Builder builder(ProxyConfig config) {
    return new Builder(config);
  }

  /** The bound proxy addresses (port 0 in the config becomes the real port here). */
  public List<InetSocketAddress> proxyAddresses() {
    return proxyChannels.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
  }

  /** The bound admin address, or null when the admin listener is off. */
  public InetSocketAddress adminAddress() {
    return adminChannel == null ? null : (InetSocketAddress) adminChannel.localAddress();
  }

  public String transportName() {
    return transport.name();
  }

  /** Open client connections. */
  public int openConnections() {
    return tracker.openConnections();
  }

  /**
   * Stops accepting, lets open connections finish for up to {@code drain} (keep-alive connections
   * close after their current response), then closes everything. Blocks the calling thread, which
   * must not be an event loop.
   */
  public void shutdown(Duration drain) {
    proxyChannels.forEach(c -> c.close().awaitUninterruptibly());
    tracker.startDrain();
    boolean drained = tracker.allClosed().awaitUninterruptibly(drain.toMillis());
    if (!drained) {
      log.info("drain deadline passed with {} connections open: closing them", openConnections());
    }
    tracker.closeAll();
    if (adminChannel != null) {
      adminChannel.close().awaitUninterruptibly();
    }
    dns.close();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  @Override
  public void close() {
    shutdown(Duration.ZERO);
  }

  private static Channel bind(ChannelFuture f, String what, HostPort address) throws IOException {
    f.awaitUninterruptibly();
    if (!f.isSuccess()) {
      throw new IOException(
          "cannot listen on " + address + " (" + what + "): " + f.cause().getMessage(), f.cause());
    }
    return f.channel();
  }

  /** Collaborators with safe defaults, so tests set only what they use. */
  public static final class Builder {
    private final ProxyConfig config;
    private PolicyEngine engine;
    private Supplier<PolicyStatus> policyStatus = () -> null;
    private ConnectionObserver observer = ConnectionObserver.NONE;
    private ProxyMetrics metrics;
    private Interceptor interceptor = Interceptor.NONE;
    private PolicyApi policyApi;
    private IdentityResolver identity;
    private AuditSink audit = AuditSink.disabled();

    private Builder(ProxyConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The policy and what {@code /readyz} reports about it. */
    public Builder policy(PolicyEngine value, Supplier<PolicyStatus> status) {
      this.engine = value;
      this.policyStatus = status;
      return this;
    }

    public Builder observer(ConnectionObserver value) {
      this.observer = value;
      return this;
    }

    /**
     * The meters: the server records connections, decisions, bytes, latency, DNS and connect times
     * into them, binds its event loops and allocator, and serves them on {@code /metrics}. Without
     * it {@code /metrics} is empty. The caller owns it (closes it after {@link #shutdown}).
     */
    public Builder metrics(ProxyMetrics value) {
      this.metrics = value;
      return this;
    }

    public Builder interceptor(Interceptor value) {
      this.interceptor = value;
      return this;
    }

    /** The admin policy API under {@code /v1/} (it also answers {@code /readyz}); none if null. */
    public Builder policyApi(PolicyApi value) {
      this.policyApi = value;
      return this;
    }

    /** Who clients are (default: everyone anonymous). The caller closes it after shutdown. */
    public Builder identity(IdentityResolver value) {
      this.identity = value;
      return this;
    }

    /** Asked whether new connections may be accepted (a saturated fail-closed audit log). */
    public Builder audit(AuditSink value) {
      this.audit = value;
      return this;
    }

    /** Binds the listeners; throws with a one-line message when an address is taken. */
    public ProxyServer start() throws IOException {
      Objects.requireNonNull(engine, "policy");
      if (identity == null) {
        identity = IdentityResolver.none();
      }
      return new ProxyServer(this);
    }
  }
}
