package dev.agentgate.proxy.upstream;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Netty's asynchronous DNS resolver (hosts file first, then the system's name servers), one per
 * event loop, created up front so lookups never take a lock. Each resolver caches answers within
 * their TTL.
 */
public final class DnsLookup implements DestinationResolver.NameLookup, AutoCloseable {
  private final Map<EventExecutor, DnsNameResolver> resolvers;

  public DnsLookup(
      EventLoopGroup group,
      Class<? extends DatagramChannel> datagramType,
      Class<? extends SocketChannel> socketType,
      Duration queryTimeout) {
    Map<EventExecutor, DnsNameResolver> map = new HashMap<>();
    for (EventExecutor executor : group) {
      map.put(
          executor,
          new DnsNameResolverBuilder((EventLoop) executor)
              .datagramChannelType(datagramType)
              .socketChannelType(socketType)
              .queryTimeoutMillis(queryTimeout.toMillis())
              .build());
    }
    this.resolvers = Map.copyOf(map);
  }

  @Override
  public Future<List<InetAddress>> lookup(String name, EventLoop loop) {
    DnsNameResolver resolver = resolvers.get(loop);
    if (resolver == null) {
      throw new IllegalStateException("event loop not of this proxy's group");
    }
    return resolver.resolveAll(name);
  }

  @Override
  public void close() {
    resolvers.values().forEach(DnsNameResolver::close);
  }
}
