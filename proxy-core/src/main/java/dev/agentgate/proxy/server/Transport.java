package dev.agentgate.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.function.Supplier;

/** The I/O transport: native epoll on Linux when it loads, Java NIO otherwise. */
public record Transport(
    String name,
    Supplier<IoHandlerFactory> ioHandlers,
    Class<? extends ServerChannel> serverChannel,
    Class<? extends SocketChannel> socketChannel,
    Class<? extends DatagramChannel> datagramChannel) {

  /** Epoll when available (and not disabled with {@code -Dagentgate.nio=true}), else NIO. */
  public static Transport detect() {
    if (Epoll.isAvailable() && !Boolean.getBoolean("agentgate.nio")) {
      return new Transport(
          "epoll",
          EpollIoHandler::newFactory,
          EpollServerSocketChannel.class,
          EpollSocketChannel.class,
          EpollDatagramChannel.class);
    }
    return new Transport(
        "nio",
        NioIoHandler::newFactory,
        NioServerSocketChannel.class,
        NioSocketChannel.class,
        NioDatagramChannel.class);
  }

  /** The one event loop group for accept and all I/O; 0 threads means one per CPU. */
  public EventLoopGroup newGroup(int threads) {
    int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    return new MultiThreadIoEventLoopGroup(
        n, new DefaultThreadFactory("agentgate-io", false), ioHandlers.get());
  }

  /** The channel type for upstream connections. */
  public Class<? extends Channel> upstreamChannel() {
    return socketChannel;
  }
}
