package dev.agentgate.proxy.server;

import dev.agentgate.proxy.pipeline.Admission;
import dev.agentgate.proxy.pipeline.DrainEvent;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows every open client connection: enforces the per-address connection limit and, at shutdown,
 * tells each connection to drain and reports when all are gone. Shared by all event loops (a
 * concurrent map and a channel group; no handler state).
 */
public final class ConnectionTracker implements Admission {
  private final int maxPerAddress;
  private final ChannelGroup open =
      new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
  private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
  private volatile boolean draining;

  public ConnectionTracker(int maxPerAddress) {
    this.maxPerAddress = maxPerAddress;
  }

  @Override
  public boolean admit(Channel client) {
    if (draining) {
      return false;
    }
    InetAddress address = ((InetSocketAddress) client.remoteAddress()).getAddress();
    int count = perAddress.merge(address, 1, Integer::sum);
    if (count > maxPerAddress) {
      release(address);
      return false;
    }
    client.closeFuture().addListener(f -> release(address));
    open.add(client);
    return true;
  }

  /** Open client connections. */
  public int openConnections() {
    return open.size();
  }

  /** Refuses new connections and asks every open one to finish up (see {@link DrainEvent}). */
  public void startDrain() {
    draining = true;
    for (Channel ch : open) {
      ch.pipeline().fireUserEventTriggered(DrainEvent.INSTANCE);
    }
  }

  /** Completes when every connection open now has closed. */
  public io.netty.channel.group.ChannelGroupFuture allClosed() {
    return open.newCloseFuture();
  }

  /** Closes whatever is still open. */
  public void closeAll() {
    open.close().awaitUninterruptibly();
  }

  private void release(InetAddress address) {
    perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
  }
}
