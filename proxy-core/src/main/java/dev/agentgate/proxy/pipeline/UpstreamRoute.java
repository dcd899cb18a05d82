package dev.agentgate.proxy.pipeline;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.util.concurrent.Future;

/**
 * How an {@link HttpForwarder} reaches the upstream of an exchange: plain HTTP resolves and checks
 * the host of each request; an intercepted tunnel connects to its checked destination over verified
 * TLS.
 */
public interface UpstreamRoute {
  /**
   * Opens a connection for {@code target}. Completes on {@code loop} with a channel whose auto-read
   * is off and that carries HTTP/1.1 bytes (the forwarder adds the codec), or fails.
   */
  Future<Channel> open(RequestTarget target, EventLoop loop);

  /**
   * Opens another connection to where the last {@link #open} led (the same checked addresses, no
   * new name lookup), for a request retried after a kept connection closed under it.
   */
  Future<Channel> reopen(EventLoop loop);

  /**
   * Reports why {@link #open} failed to the observers and returns the answer for the client, or
   * null to just close the connection.
   */
  FullHttpResponse failed(Throwable cause, ByteBufAllocator alloc);
}
