package dev.agentgate.proxy.pipeline;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.proxy.identity.ClientIdentity;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ConnectionFacts.Kind;
import dev.agentgate.proxy.observe.ProxyError;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the client's requests (after the HTTP codec): checks each head, asks the policy (the
 * CONNECT phase for host and port, then for plain HTTP the HTTP phase when the policy needs
 * headers), and either answers itself (400, 403), hands a CONNECT to the {@link
 * ConnectTunnelHandler}, or forwards the request through the {@link HttpForwarder}. One exchange at
 * a time: requests pipelined behind it wait in a short queue (reads pause when it fills).
 */
public final class ProxyRequestHandler extends ChannelInboundHandlerAdapter
    implements HttpForwarder.Listener {
  private static final Logger log = LoggerFactory.getLogger(ProxyRequestHandler.class);
  private static final int MAX_QUEUED = 32;

  private final ProxyServices services;
  private final ConnectionFacts facts;
  private final HeadDeadlineHandler deadline;
  private final ArrayDeque<HttpObject> queue = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private HttpForwarder forwarder;
  private boolean inExchange;
  private boolean sendingBody;
  private boolean bodyDone;
  private boolean closeAfterResponse;
  private boolean draining;
  private boolean closing;

  ProxyRequestHandler(ProxyServices services, ConnectionFacts facts, HeadDeadlineHandler deadline) {
    this.services = services;
    this.facts = facts;
    this.deadline = deadline;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing || !(msg instanceof HttpObject o)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (queue.isEmpty() && accepts(o)) {
      process(o);
    } else {
      queue.add(o);
      updateRead();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (forwarder != null) {
      forwarder.flush();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (forwarder != null) {
      forwarder.clientWritabilityChanged();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof DrainEvent) {
      draining = true;
      if (inExchange) {
        closeAfterResponse = true;
      } else {
        closeNow();
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closing = true;
    if (forwarder != null) {
      forwarder.close();
    }
    queue.forEach(ReferenceCountUtil::release);
    queue.clear();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    boolean io = cause instanceof IOException;
    if (!io) {
      log.warn("client connection {} failed: {}", facts.id(), cause.toString());
    }
    services.gate().observer().error(facts, io ? ProxyError.IO : ProxyError.INTERNAL);
    closeNow();
  }

  private boolean accepts(HttpObject o) {
    if (o instanceof HttpRequest) {
      return !inExchange;
    }
    return sendingBody;
  }

  private void process(HttpObject o) {
    if (o instanceof HttpRequest request) {
      onHead(request);
    } else if (o instanceof HttpContent content) {
      if (content instanceof LastHttpContent) {
        sendingBody = false;
        bodyDone = true;
      }
      forwarder.sendContent(content);
      updateRead();
    }
  }

  private void onHead(HttpRequest request) {
    long headAt = System.nanoTime();
    deadline.headReceived();
    HeadProblem problem = HeadProblem.of(request);
    if (problem != null) {
      services.gate().observer().error(facts, problem.kind());
      reject(problem.status(), problem.text());
      return;
    }
    if (request.method() == HttpMethod.CONNECT) {
      startTunnel(request);
      return;
    }
    RequestTarget target = RequestTarget.absoluteHttp(request.uri());
    if (target == null) {
      services.gate().observer().error(facts, ProxyError.BAD_REQUEST);
      reject(
          HttpResponseStatus.BAD_REQUEST,
          "this is a forward proxy: send absolute-form http:// requests, or CONNECT for https");
      return;
    }
    facts.target(Kind.HTTP, target.host(), target.port());
    facts.countRequest();
    Future<ClientIdentity> identity =
        ClientIdentification.resolve(
            services, ctx.channel(), request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION));
    if (identity.isDone()) {
      forward(request, target, identity, headAt);
      return;
    }
    // A password is being checked off the event loop: whatever the client sends meanwhile waits
    // in the queue, as it does behind an exchange.
    inExchange = true;
    identity.addListener(
        f -> {
          inExchange = false;
          if (!closing) {
            forward(request, target, identity, headAt);
          }
        });
  }

  private void forward(
      HttpRequest request,
      RequestTarget target,
      Future<ClientIdentity> identityCheck,
      long headAt) {
    ClientIdentity identity = ClientIdentification.outcome(identityCheck, facts);
    if (!identity.allowed()) {
      EgressRequest r =
          EgressRequest.builder(Phase.CONNECT, target.host(), target.port())
              .client(facts.clientAddress(), null, null)
              .build();
      Decision refusal = ClientIdentification.refuse(services, facts, r, identity.outcome());
      respondAndClose(ClientIdentification.response(identity.outcome(), refusal, ctx.alloc()));
      return;
    }
    Decision decision = UpstreamRequests.decide(services.gate(), facts, request, target, identity);
    if (decision.action() != Action.ALLOW) {
      respondAndClose(ProxyResponses.blocked(decision, ctx.alloc()));
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request) && !draining && !closeAfterResponse;
    UpstreamRequests.rewrite(request, target);
    inExchange = true;
    sendingBody = false;
    bodyDone = false;
    if (forwarder == null) {
      forwarder = HttpForwarder.plain(services, facts, ctx.channel(), this);
    }
    forwarder.start(request, target, keepAlive, headAt);
  }

  private void startTunnel(HttpRequest request) {
    RequestTarget target = RequestTarget.connect(request.uri());
    if (target == null || !queue.isEmpty()) {
      services.gate().observer().error(facts, ProxyError.BAD_REQUEST);
      reject(HttpResponseStatus.BAD_REQUEST, "CONNECT needs host:port");
      return;
    }
    if (forwarder != null) {
      forwarder.close();
    }
    Future<ClientIdentity> identity =
        ClientIdentification.resolve(
            services, ctx.channel(), request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION));
    closing = true;
    ConnectTunnelHandler.install(ctx, services, facts, deadline, target, identity);
  }

  @Override
  public void upstreamReady() {
    sendingBody = !bodyDone;
    drainQueue();
    forwarder.flush();
  }

  @Override
  public void responseComplete(boolean closeClient) {
    inExchange = false;
    if (closeClient || closeAfterResponse || !bodyDone || draining) {
      closeNow();
      return;
    }
    deadline.awaitNextHead();
    drainQueue();
  }

  @Override
  public void failed(FullHttpResponse response) {
    inExchange = false;
    if (response == null) {
      closeNow();
    } else {
      respondAndClose(response);
    }
  }

  @Override
  public void upstreamWritabilityChanged() {
    updateRead();
  }

  private void drainQueue() {
    while (!closing && !queue.isEmpty() && accepts(queue.peek())) {
      process(queue.poll());
    }
    updateRead();
  }

  /** Reads pause while the queue is full or the body cannot go upstream as fast as it comes. */
  private void updateRead() {
    boolean read =
        !closing
            && queue.size() < MAX_QUEUED
            && !(sendingBody && forwarder != null && !forwarder.upstreamWritable());
    if (ctx.channel().config().isAutoRead() != read) {
      ctx.channel().config().setAutoRead(read);
    }
  }

  private void reject(HttpResponseStatus status, String text) {
    respondAndClose(ProxyResponses.error(status, text, ctx.alloc()));
  }

  private void respondAndClose(FullHttpResponse response) {
    closing = true;
    ctx.channel().config().setAutoRead(false);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  private void closeNow() {
    closing = true;
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }
}
