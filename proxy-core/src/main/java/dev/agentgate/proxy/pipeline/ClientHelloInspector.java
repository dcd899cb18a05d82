package dev.agentgate.proxy.pipeline;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.proxy.fingerprint.ClientHello;
import dev.agentgate.proxy.fingerprint.ClientHelloParser;
import dev.agentgate.proxy.fingerprint.Ja3;
import dev.agentgate.proxy.fingerprint.Ja4;
import dev.agentgate.proxy.fingerprint.ParseResult;
import dev.agentgate.proxy.observe.ClientHelloOutcome;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ProxyError;
import dev.agentgate.proxy.upstream.Destination;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 2 of a tunnel: reads the client's first bytes without consuming them, parses the
 * ClientHello (SNI, ALPN, JA3, JA4; or notes that the bytes are not TLS), asks the policy, and
 * acts: ALLOW splices the tunnel with the buffered bytes written upstream first; BLOCK answers with
 * a TLS alert and closes; CONTINUE or REDACT hands the tunnel to the {@link Interceptor}, or fails
 * closed when none is configured.
 */
final class ClientHelloInspector extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ClientHelloInspector.class);

  private final ProxyServices services;
  private final ConnectionFacts facts;
  private final HeadDeadlineHandler deadline;
  private final Destination destination;
  private final EgressRequest connectRequest;
  private ByteBuf buffered;
  private boolean decided;
  // The proxy's own time on this tunnel so far (CONNECT phase, then ClientHello to splice), client
  // and network waits excluded: reported when the first bytes go upstream.
  private long proxyNanos;
  private long helloAt;

  /**
   * @param initial bytes that arrived with or after the CONNECT (ownership passes here)
   * @param connectNanos the proxy's own time on the CONNECT phase
   */
  ClientHelloInspector(
      ProxyServices services,
      ConnectionFacts facts,
      HeadDeadlineHandler deadline,
      Destination destination,
      EgressRequest connectRequest,
      ByteBuf initial,
      long connectNanos) {
    this.services = services;
    this.facts = facts;
    this.deadline = deadline;
    this.destination = destination;
    this.connectRequest = connectRequest;
    this.buffered = initial;
    this.proxyNanos = connectNanos;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (buffered.isReadable()) {
      inspect(ctx);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in) || buffered == null) {
      ReferenceCountUtil.release(msg);
      return;
    }
    buffered = ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), buffered, in);
    if (!decided) {
      inspect(ctx);
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
    if (!decided) {
      services
          .gate()
          .observer()
          .clientHello(
              facts,
              deadline.expired() ? ClientHelloOutcome.TIMEOUT : ClientHelloOutcome.TRUNCATED);
      decided = true;
    }
    release();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    release();
  }

  private void inspect(ChannelHandlerContext ctx) {
    helloAt = System.nanoTime();
    ParseResult result = ClientHelloParser.parseRecords(buffered.nioBuffer());
    if (result instanceof ParseResult.NeedMoreBytes) {
      return;
    }
    decided = true;
    services.gate().observer().clientHello(facts, outcome(result));
    deadline.headReceived();
    ctx.channel().config().setAutoRead(false);
    EgressRequest.Builder tls = connectRequest.toBuilder().phase(Phase.TLS);
    Decision decision;
    boolean isTls = true;
    if (result instanceof ParseResult.Parsed parsed) {
      ClientHello hello = parsed.hello();
      String ja3 = Ja3.md5(hello);
      String ja4 = Ja4.ja4(hello);
      tls.tls(true, hello.sni(), hello.alpn(), ja3, ja4);
      facts.tls(true, hello.sni(), hello.alpn(), ja3, ja4);
      decision = services.gate().decide(facts, tls.build());
    } else if (result instanceof ParseResult.NotTls) {
      isTls = false;
      tls.tls(false, null, null, null, null);
      facts.tls(false, null, null, null, null);
      decision = services.gate().decide(facts, tls.build());
    } else if (result instanceof ParseResult.TooLarge) {
      decision = refuse(tls.build(), "builtin:client-hello", "ClientHello too large");
    } else {
      String why = result instanceof ParseResult.Malformed m ? m.reason() : result.toString();
      services.gate().observer().error(facts, ProxyError.MALFORMED_CLIENT_HELLO);
      decision = refuse(tls.build(), "builtin:client-hello", "malformed ClientHello: " + why);
    }
    act(ctx, tls.build(), decision, isTls);
  }

  private void act(
      ChannelHandlerContext ctx, EgressRequest request, Decision decision, boolean tls) {
    switch (decision.action()) {
      case ALLOW -> splice(ctx);
      case BLOCK -> refuseConnection(ctx, tls, TlsAlerts.ACCESS_DENIED);
      default -> {
        if (services.interceptor().splices(request.host())) {
          spliceListed(ctx, request, decision, tls);
        } else if (services.interceptor().available()) {
          ByteBuf hello = takeBuffered();
          ctx.pipeline().remove(deadline);
          ctx.pipeline().remove(this);
          services
              .interceptor()
              .intercept(
                  services,
                  ctx.channel(),
                  new Interceptor.Tunnel(facts, destination, request, decision),
                  hello);
        } else {
          refuse(request, "builtin:interception", "interception not configured");
          refuseConnection(ctx, tls, TlsAlerts.HANDSHAKE_FAILURE);
        }
      }
    }
  }

  /**
   * A host on the splice list: a CONTINUE (the policy would look inside) is spliced and audited as
   * such; a REDACT cannot be honoured without interception, so it is refused (fail closed).
   */
  private void spliceListed(
      ChannelHandlerContext ctx, EgressRequest request, Decision decision, boolean tls) {
    if (decision.action() == Action.CONTINUE) {
      services
          .gate()
          .report(
              facts,
              request,
              new Decision(
                  Action.ALLOW,
                  "builtin:splice-list",
                  "splice list: " + request.host() + " is never intercepted",
                  null,
                  null,
                  decision.reports(),
                  decision.agent()));
      splice(ctx);
    } else {
      refuse(
          request,
          "builtin:splice-list",
          "rule "
              + decision.ruleId()
              + " requires redaction, but "
              + request.host()
              + " is on the interception splice list");
      refuseConnection(ctx, tls, TlsAlerts.ACCESS_DENIED);
    }
  }

  private static ClientHelloOutcome outcome(ParseResult result) {
    if (result instanceof ParseResult.Parsed) {
      return ClientHelloOutcome.PARSED;
    }
    if (result instanceof ParseResult.NotTls) {
      return ClientHelloOutcome.NOT_TLS;
    }
    if (result instanceof ParseResult.TooLarge) {
      return ClientHelloOutcome.TOO_LARGE;
    }
    return ClientHelloOutcome.MALFORMED;
  }

  private void splice(ChannelHandlerContext ctx) {
    Channel client = ctx.channel();
    proxyNanos += System.nanoTime() - helloAt;
    services
        .connector()
        .connect(destination, client.eventLoop())
        .addListener(
            f -> {
              long connectedAt = System.nanoTime();
              if (!f.isSuccess()) {
                services.gate().observer().error(facts, UpstreamFailures.ofConnect(f.cause()));
                client.close();
                return;
              }
              Channel upstream = (Channel) f.getNow();
              if (!client.isActive() || buffered == null) {
                upstream.close();
                return;
              }
              facts.upstreamAddress(
                  NetUtil.toSocketAddressString((InetSocketAddress) upstream.remoteAddress()));
              ByteBuf first = takeBuffered();
              client.pipeline().remove(deadline);
              client.pipeline().remove(this);
              client.closeFuture().addListener(c -> upstream.close());
              RelayHandler.splice(client, upstream, first, services.gate().observer(), facts);
              services
                  .gate()
                  .observer()
                  .forwarded(facts, proxyNanos + System.nanoTime() - connectedAt);
            });
  }

  private Decision refuse(EgressRequest request, String ruleId, String reason) {
    return services.gate().refuse(facts, request, ruleId, reason);
  }

  private void refuseConnection(ChannelHandlerContext ctx, boolean tls, int alert) {
    release();
    if (tls) {
      ctx.writeAndFlush(TlsAlerts.fatal(alert, ctx.alloc()))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  private ByteBuf takeBuffered() {
    ByteBuf b = buffered;
    buffered = null;
    return b;
  }

  private void release() {
    if (buffered != null) {
      buffered.release();
      buffered = null;
    }
  }
}
