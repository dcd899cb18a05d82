package dev.agentgate.proxy.pipeline;

import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ConnectionObserver;
import dev.agentgate.proxy.observe.ProxyError;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client pipeline, in the order bytes meet it:
 *
 * <ol>
 *   <li>{@link ActivityHandler}: bytes each way, idle timeout;
 *   <li>{@link HeadDeadlineHandler}: slow request heads (and ClientHellos);
 *   <li>{@link HttpServerCodec}: request heads and bodies (removed when a CONNECT is accepted);
 *   <li>{@link ProxyRequestHandler}: phase 1 and plain HTTP forwarding, which on a CONNECT becomes
 *       {@link ConnectTunnelHandler} (phase 1 of a tunnel), then {@link ClientHelloInspector}
 *       (phase 2), then {@link RelayHandler} (the splice) or the {@link Interceptor} (phase 3).
 * </ol>
 */
public final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {
  private final ProxyServices services;
  private final AtomicLong ids = new AtomicLong();

  public ClientChannelInitializer(ProxyServices services) {
    this.services = services;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ConnectionFacts facts = newFacts(ch);
    ConnectionObserver observer = services.gate().observer();
    observer.opened(facts);
    ch.closeFuture()
        .addListener(
            f -> {
              facts.markClosed(System.nanoTime());
              observer.closed(facts);
            });
    if (!services.admission().admit(ch)) {
      observer.error(facts, ProxyError.TOO_MANY_CONNECTIONS);
      ch.writeAndFlush(
              ProxyResponses.errorRaw(
                  HttpResponseStatus.TOO_MANY_REQUESTS,
                  "too many connections from your address",
                  ch.alloc()))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (!services.audit().acceptingNewConnections()) {
      // Fail closed: without room in the audit log, nothing new is let through.
      observer.error(facts, ProxyError.AUDIT_SATURATED);
      ch.writeAndFlush(
              ProxyResponses.errorRaw(
                  HttpResponseStatus.SERVICE_UNAVAILABLE,
                  "audit log saturated, try again shortly",
                  ch.alloc()))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ProxyConfig config = services.config();
    int maxHead = config.limits().maxHeaderSize();
    HeadDeadlineHandler deadline =
        new HeadDeadlineHandler(
            config.timeouts().requestHead().toNanos(),
            () -> observer.error(facts, ProxyError.HEAD_TIMEOUT));
    ch.pipeline()
        .addLast(
            "activity",
            new ActivityHandler(
                facts,
                observer,
                config.timeouts().idle().toNanos(),
                () -> observer.error(facts, ProxyError.IDLE_TIMEOUT)))
        .addLast("head-deadline", deadline)
        .addLast(
            "http",
            new HttpServerCodec(
                new HttpDecoderConfig()
                    .setMaxInitialLineLength(maxHead)
                    .setMaxHeaderSize(maxHead)
                    .setMaxChunkSize(HttpForwarder.MAX_BODY_PIECE)))
        .addLast("request", new ProxyRequestHandler(services, facts, deadline));
  }

  private ConnectionFacts newFacts(SocketChannel ch) {
    InetSocketAddress remote = ch.remoteAddress();
    String address = remote == null ? "unknown" : remote.getAddress().getHostAddress();
    int port = remote == null ? 0 : remote.getPort();
    return new ConnectionFacts(
        ids.incrementAndGet(), address, port, System.currentTimeMillis(), System.nanoTime());
  }
}
