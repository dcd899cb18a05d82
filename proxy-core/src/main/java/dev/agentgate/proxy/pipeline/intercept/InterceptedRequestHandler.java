package dev.agentgate.proxy.pipeline.intercept;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ProxyError;
import dev.agentgate.proxy.pipeline.DrainEvent;
import dev.agentgate.proxy.pipeline.HttpForwarder;
import dev.agentgate.proxy.pipeline.Interceptor;
import dev.agentgate.proxy.pipeline.PolicyGate;
import dev.agentgate.proxy.pipeline.ProxyResponses;
import dev.agentgate.proxy.pipeline.ProxyServices;
import dev.agentgate.proxy.pipeline.RequestTarget;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 3 inside an intercepted tunnel, after the TLS and HTTP codecs: decides each request (keep-
 * alive, several per tunnel) on its method, path and headers, and acts. BLOCK answers 403; ALLOW
 * forwards it over verified TLS with both bodies streamed; REDACT hands it to the {@link
 * RedactionStep}, which gathers the body, redacts it and calls back here to forward or refuse it.
 * One exchange at a time: pipelined requests wait in a short queue (reads pause when it fills, or
 * while the upstream cannot take more of a body).
 */
final class InterceptedRequestHandler extends ChannelInboundHandlerAdapter
    implements HttpForwarder.Listener {
  private static final Logger log = LoggerFactory.getLogger(InterceptedRequestHandler.class);
  private static final int MAX_QUEUED = 32;

  private final ProxyServices services;
  private final Interceptor.Tunnel tunnel;
  private final ConnectionFacts facts;
  private final PolicyGate gate;
  private final RedactionStep redaction;
  private final ArrayDeque<HttpObject> queue = new ArrayDeque<>();
  private final RequestTarget target;
  private final TlsInterceptor.Parts parts;
  private ChannelHandlerContext ctx;
  private HttpForwarder forwarder;
  private RequestState state = RequestState.IDLE;
  private EgressRequest current;
  private HttpContent pendingBody;
  private boolean sendingBody;
  private boolean bodyDone;
  private boolean keepAlive;
  private boolean draining;
  private boolean closing;

  InterceptedRequestHandler(
      ProxyServices services, Interceptor.Tunnel tunnel, TlsInterceptor.Parts parts) {
    this.services = services;
    this.tunnel = tunnel;
    this.facts = tunnel.facts();
    this.gate = services.gate();
    this.parts = parts;
    this.target = new RequestTarget(tunnel.tlsRequest().host(), tunnel.tlsRequest().port(), null);
    this.redaction = new RedactionStep(this, gate, facts, parts.redactors(), parts.workers());
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    forwarder =
        new HttpForwarder(
            services,
            facts,
            ctx.channel(),
            this,
            new TlsUpstreamRoute(services, tunnel, parts.upstreamTls(), () -> current));
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
    forwarder.flush();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    forwarder.clientWritabilityChanged();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof DrainEvent) {
      draining = true;
      if (state == RequestState.IDLE) {
        closeNow();
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closing = true;
    forwarder.close();
    queue.forEach(ReferenceCountUtil::release);
    queue.clear();
    if (pendingBody != null) {
      pendingBody.release();
      pendingBody = null;
    }
    redaction.abandon("the client closed the connection before the body was inspected");
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    boolean io = cause instanceof IOException;
    boolean tls = cause instanceof DecoderException && cause.getCause() instanceof SSLException;
    if (!io && !tls) {
      log.warn("intercepted connection {} failed: {}", facts.id(), cause.toString());
    }
    gate.observer()
        .error(facts, io ? ProxyError.IO : tls ? ProxyError.CLIENT_TLS : ProxyError.INTERNAL);
    closeNow();
  }

  private boolean accepts(HttpObject o) {
    if (o instanceof HttpRequest) {
      return state == RequestState.IDLE;
    }
    return state == RequestState.DISCARDING
        || (state == RequestState.REDACTING && redaction.gathering())
        || (state == RequestState.FORWARDING && sendingBody);
  }

  private void process(HttpObject o) {
    if (o instanceof HttpRequest request) {
      onHead(request);
    } else if (o instanceof HttpContent content) {
      boolean last = content instanceof LastHttpContent;
      switch (state) {
        case DISCARDING -> {
          content.release();
          if (last) {
            state = RequestState.IDLE;
          }
        }
        case REDACTING -> redaction.add(content);
        default -> {
          if (last) {
            sendingBody = false;
            bodyDone = true;
          }
          forwarder.sendContent(content);
        }
      }
      updateRead();
    } else {
      ReferenceCountUtil.release(o);
    }
  }

  private void onHead(HttpRequest request) {
    long headAt = System.nanoTime();
    FullHttpResponse malformed = InterceptedRequests.malformed(request, gate, facts, ctx.alloc());
    if (malformed != null) {
      respondAndClose(malformed);
      return;
    }
    current = InterceptedRequests.httpPhase(tunnel.tlsRequest(), request);
    String misdirected = InterceptedRequests.misdirected(request, target.host());
    if (misdirected != null) {
      Decision refused = gate.refuse(facts, current, "builtin:misdirected-request", misdirected);
      respondAndClose(ProxyResponses.blocked(refused, ctx.alloc()));
      return;
    }
    facts.countRequest();
    keepAlive = HttpUtil.isKeepAlive(request) && !draining;
    Decision decision = gate.evaluate(facts, current);
    switch (decision.action()) {
      case ALLOW -> {
        gate.report(facts, current, decision);
        forward(request, null, headAt);
      }
      case REDACT -> {
        state = RequestState.REDACTING;
        redaction.start(request, current, decision, headAt);
      }
      default -> {
        // BLOCK (the gate turns a CONTINUE at the HTTP phase into a block).
        gate.report(facts, current, decision);
        refuse(request, decision, false);
      }
    }
  }

  /**
   * Sends {@code request} upstream; {@code body}, when given, is the first (or whole) body the
   * proxy holds already, the rest (if any) follows from the client.
   */
  void forward(HttpRequest request, HttpContent body, long headAt) {
    InterceptedRequests.prepare(request, target.host(), target.port());
    state = RequestState.FORWARDING;
    pendingBody = body;
    sendingBody = false;
    bodyDone = false;
    forwarder.start(request, target, keepAlive, headAt);
    updateRead();
  }

  /**
   * Answers {@code request} with a 403 for {@code decision}. The connection stays open for the next
   * request when the client keeps it alive and the body is read (or there is none); otherwise it
   * closes after the answer.
   */
  void refuse(HttpRequest request, Decision decision, boolean bodyRead) {
    FullHttpResponse response = ProxyResponses.blocked(decision, ctx.alloc());
    if (!keepAlive || !(bodyRead || InterceptedRequests.bodiless(request))) {
      respondAndClose(response);
      return;
    }
    HttpUtil.setKeepAlive(response, true);
    state = bodyRead ? RequestState.IDLE : RequestState.DISCARDING;
    ctx.writeAndFlush(response);
    drainQueue();
  }

  /** Ends the exchange with an error response and closes the connection. */
  void respondAndClose(FullHttpResponse response) {
    closing = true;
    ctx.channel().config().setAutoRead(false);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  /** Whether the connection is going away (a late redaction result is then dropped). */
  boolean closing() {
    return closing;
  }

  ChannelHandlerContext context() {
    return ctx;
  }

  @Override
  public void upstreamReady() {
    if (pendingBody != null) {
      HttpContent body = pendingBody;
      pendingBody = null;
      bodyDone = body instanceof LastHttpContent;
      forwarder.sendContent(body);
    }
    sendingBody = !bodyDone;
    drainQueue();
    forwarder.flush();
  }

  @Override
  public void responseComplete(boolean closeClient) {
    state = RequestState.IDLE;
    if (closeClient || !bodyDone || draining) {
      closeNow();
      return;
    }
    drainQueue();
  }

  @Override
  public void failed(FullHttpResponse response) {
    state = RequestState.IDLE;
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

  /** Processes what waited in the queue, as far as the current state accepts it. */
  void drainQueue() {
    while (!closing && !queue.isEmpty() && accepts(queue.peek())) {
      process(queue.poll());
    }
    if (!closing && draining && state == RequestState.IDLE) {
      closeNow();
      return;
    }
    updateRead();
  }

  /** Reads pause while the queue is full or the body cannot go upstream as fast as it comes. */
  private void updateRead() {
    boolean read =
        !closing
            && queue.size() < MAX_QUEUED
            && !(state == RequestState.FORWARDING && sendingBody && !forwarder.upstreamWritable());
    if (ctx.channel().config().isAutoRead() != read) {
      ctx.channel().config().setAutoRead(read);
    }
  }

  private void closeNow() {
    closing = true;
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }
}
