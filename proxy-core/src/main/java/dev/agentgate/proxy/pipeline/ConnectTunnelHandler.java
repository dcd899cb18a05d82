package dev.agentgate.proxy.pipeline;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.proxy.identity.ClientIdentity;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ProxyError;
import dev.agentgate.proxy.upstream.Destination;
import dev.agentgate.proxy.upstream.DestinationRefusedException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 1 of a tunnel, after the CONNECT head (the HTTP codec is already gone): the CONNECT
 * decision, the CONNECT port rule, the destination guard, then 200 and the hand-over to the {@link
 * ClientHelloInspector}. Bytes the client sends meanwhile (a ClientHello in the same packet as the
 * CONNECT) are kept, not parsed, and passed on.
 */
final class ConnectTunnelHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectTunnelHandler.class);

  private final ProxyServices services;
  private final ConnectionFacts facts;
  private final HeadDeadlineHandler deadline;
  private final Future<ClientIdentity> identity;
  private EgressRequest request;
  private ByteBuf early;
  // The proxy's own time on the CONNECT so far (the DNS wait excluded), for the latency metric.
  private long proxyNanos;

  ConnectTunnelHandler(
      ProxyServices services,
      ConnectionFacts facts,
      HeadDeadlineHandler deadline,
      EgressRequest request,
      Future<ClientIdentity> identity) {
    this.services = services;
    this.facts = facts;
    this.deadline = deadline;
    this.request = request;
    this.identity = identity;
    this.early = Unpooled.EMPTY_BUFFER;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf in && early != null) {
      early = ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), early, in);
    } else {
      // The codec's end-of-message marker for the CONNECT, or bytes after a refusal.
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.warn("tunnel {} failed: {}", facts.id(), cause.toString());
    services.gate().observer().error(facts, ProxyError.INTERNAL);
    release();
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    release();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    release();
  }

  /**
   * Takes over a client connection whose request handler just read a CONNECT: replaces it, then
   * removes the HTTP codec, so bytes the codec still holds (a ClientHello sent in the same packet
   * as the CONNECT) flow here unparsed; then runs phase 1 once {@code identity} is known.
   */
  static void install(
      ChannelHandlerContext requestCtx,
      ProxyServices services,
      ConnectionFacts facts,
      HeadDeadlineHandler deadline,
      RequestTarget target,
      Future<ClientIdentity> identity) {
    long started = System.nanoTime();
    facts.target(ConnectionFacts.Kind.TUNNEL, target.host(), target.port());
    EgressRequest connect =
        EgressRequest.builder(Phase.CONNECT, target.host(), target.port())
            .client(facts.clientAddress(), null, null)
            .build();
    ChannelPipeline pipeline = requestCtx.pipeline();
    requestCtx.channel().config().setAutoRead(false);
    ConnectTunnelHandler tunnel =
        new ConnectTunnelHandler(services, facts, deadline, connect, identity);
    pipeline.replace(requestCtx.handler(), "connect", tunnel);
    pipeline.remove(HttpServerCodec.class);
    tunnel.start(pipeline.context(tunnel), started);
  }

  /** Runs phase 1 once the client's identity is known (at once, unless a password is checked). */
  private void start(ChannelHandlerContext ctx, long started) {
    if (identity.isDone()) {
      identified(ctx, started);
    } else {
      identity.addListener(f -> identified(ctx, started));
    }
  }

  private void identified(ChannelHandlerContext ctx, long started) {
    if (!ctx.channel().isActive() || ctx.isRemoved()) {
      return;
    }
    ClientIdentity client = ClientIdentification.outcome(identity, facts);
    if (!client.allowed()) {
      Decision refusal = ClientIdentification.refuse(services, facts, request, client.outcome());
      respond(ctx, ClientIdentification.responseRaw(client.outcome(), refusal, ctx.alloc()));
      return;
    }
    request =
        request.toBuilder().client(facts.clientAddress(), client.user(), client.groups()).build();
    Decision decision = services.gate().decide(facts, request);
    if (decision.action() == Action.BLOCK) {
      respond(ctx, ProxyResponses.blockedRaw(decision, ctx.alloc()));
      return;
    }
    if (!services.config().upstream().connectPorts().contains(request.port())
        && !(decision.action() == Action.ALLOW && !"default".equals(decision.ruleId()))) {
      Decision refused =
          services
              .gate()
              .refuse(
                  facts,
                  request,
                  "builtin:connect-port",
                  "CONNECT to port " + request.port() + " is not allowed");
      respond(ctx, ProxyResponses.blockedRaw(refused, ctx.alloc()));
      return;
    }
    proxyNanos = System.nanoTime() - started;
    services
        .resolver()
        .resolve(request.host(), request.port(), ctx.channel().eventLoop())
        .addListener(f -> resolved(ctx, f));
  }

  private void resolved(ChannelHandlerContext ctx, Future<?> f) {
    long resolvedAt = System.nanoTime();
    if (!ctx.channel().isActive() || ctx.isRemoved()) {
      return;
    }
    if (!f.isSuccess()) {
      if (f.cause() instanceof DestinationRefusedException refused) {
        Decision d =
            services
                .gate()
                .refuse(facts, request, "builtin:destination-guard", refused.getMessage());
        respond(ctx, ProxyResponses.blockedRaw(d, ctx.alloc()));
      } else {
        services.gate().observer().error(facts, ProxyError.DNS_FAILURE);
        respond(
            ctx,
            ProxyResponses.errorRaw(
                HttpResponseStatus.BAD_GATEWAY, "cannot resolve " + request.host(), ctx.alloc()));
      }
      return;
    }
    Destination destination = (Destination) f.getNow();
    ctx.writeAndFlush(ProxyResponses.connectionEstablished(ctx.alloc()));
    ByteBuf initial = early;
    early = null;
    deadline.awaitClientHello();
    proxyNanos += System.nanoTime() - resolvedAt;
    ctx.pipeline()
        .replace(
            this,
            "client-hello",
            new ClientHelloInspector(
                services, facts, deadline, destination, request, initial, proxyNanos));
    ctx.channel().config().setAutoRead(true);
  }

  private void respond(ChannelHandlerContext ctx, ByteBuf response) {
    release();
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  private void release() {
    if (early != null) {
      early.release();
      early = null;
    }
  }
}
