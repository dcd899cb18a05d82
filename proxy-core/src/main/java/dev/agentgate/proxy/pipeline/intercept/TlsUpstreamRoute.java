package dev.agentgate.proxy.pipeline.intercept;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ProxyError;
import dev.agentgate.proxy.pipeline.Interceptor;
import dev.agentgate.proxy.pipeline.ProxyResponses;
import dev.agentgate.proxy.pipeline.ProxyServices;
import dev.agentgate.proxy.pipeline.RequestTarget;
import dev.agentgate.proxy.pipeline.UpstreamFailures;
import dev.agentgate.proxy.pipeline.UpstreamRoute;
import dev.agentgate.proxy.tls.TlsFailures;
import dev.agentgate.proxy.tls.UpstreamTls;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.function.Supplier;

/**
 * The route of an intercepted tunnel's requests: to the tunnel's checked destination (never
 * resolved again), over TLS that verifies the server's chain and the host name the client asked
 * for, with that name as SNI. A verification failure reaches the client as 502 with the reason, is
 * counted ({@link ProxyError#UPSTREAM_TLS}) and audited as a {@code builtin:upstream-tls} refusal.
 */
final class TlsUpstreamRoute implements UpstreamRoute {
  private final ProxyServices services;
  private final ConnectionFacts facts;
  private final Interceptor.Tunnel tunnel;
  private final UpstreamTls tls;
  private final Supplier<EgressRequest> currentRequest;

  /**
   * @param currentRequest the request being forwarded, named in the audit of a failure
   */
  TlsUpstreamRoute(
      ProxyServices services,
      Interceptor.Tunnel tunnel,
      UpstreamTls tls,
      Supplier<EgressRequest> currentRequest) {
    this.services = services;
    this.facts = tunnel.facts();
    this.tunnel = tunnel;
    this.tls = tls;
    this.currentRequest = currentRequest;
  }

  @Override
  public Future<Channel> open(RequestTarget target, EventLoop loop) {
    Promise<Channel> promise = loop.newPromise();
    services
        .connector()
        .connect(tunnel.destination(), loop)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                promise.tryFailure(f.cause());
                return;
              }
              handshake((Channel) f.getNow(), promise);
            });
    return promise;
  }

  /** The tunnel has one destination: the same connection again. */
  @Override
  public Future<Channel> reopen(EventLoop loop) {
    return open(null, loop);
  }

  private void handshake(Channel ch, Promise<Channel> promise) {
    EgressRequest request = tunnel.tlsRequest();
    SslHandler ssl = tls.newHandler(ch.alloc(), request.host(), request.port());
    ssl.setHandshakeTimeoutMillis(services.config().timeouts().connect().toMillis());
    ch.pipeline().addLast("tls", ssl).addLast("handshake", HandshakeErrors.INSTANCE);
    // The handshake needs reads; no application data comes before the request is written.
    ch.config().setAutoRead(true);
    ssl.handshakeFuture()
        .addListener(
            h -> {
              if (h.isSuccess()) {
                ch.config().setAutoRead(false);
                ch.pipeline().remove(HandshakeErrors.INSTANCE);
                promise.trySuccess(ch);
              } else {
                ch.close();
                promise.tryFailure(new UpstreamHandshakeFailure(h.cause()));
              }
            });
  }

  @Override
  public FullHttpResponse failed(Throwable cause, ByteBufAllocator alloc) {
    if (cause instanceof UpstreamHandshakeFailure handshake) {
      String reason = TlsFailures.upstreamReason(handshake.getCause());
      services.gate().observer().error(facts, ProxyError.UPSTREAM_TLS);
      services.gate().refuse(facts, currentRequest.get(), "builtin:upstream-tls", reason);
      return ProxyResponses.error(HttpResponseStatus.BAD_GATEWAY, reason, alloc);
    }
    services.gate().observer().error(facts, UpstreamFailures.ofConnect(cause));
    return cause instanceof ConnectTimeoutException
        ? ProxyResponses.error(
            HttpResponseStatus.GATEWAY_TIMEOUT, "upstream connect timed out", alloc)
        : ProxyResponses.error(
            HttpResponseStatus.BAD_GATEWAY, "cannot connect to the upstream", alloc);
  }

  /**
   * Ends an upstream connection whose TLS handshake failed. The failure itself is reported through
   * the handshake future (to the client as 502, to metrics and audit); the same exception also
   * travels the pipeline and stops here.
   */
  @ChannelHandler.Sharable
  private static final class HandshakeErrors extends ChannelInboundHandlerAdapter {
    static final HandshakeErrors INSTANCE = new HandshakeErrors();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** The TLS handshake with the upstream failed (the cause says why). */
  private static final class UpstreamHandshakeFailure extends Exception {
    private static final long serialVersionUID = 1L;

    UpstreamHandshakeFailure(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
