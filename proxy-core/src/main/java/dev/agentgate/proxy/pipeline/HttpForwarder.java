package dev.agentgate.proxy.pipeline;

import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ProxyError;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Forwards the HTTP exchanges of one client connection, one at a time: sends each request (already
 * rewritten by the caller) over an {@link UpstreamRoute}, keeps the upstream connection for the
 * next request to the same host and port, and streams the response back (hop-by-hop headers
 * stripped, Via added, never aggregated) with backpressure both ways. The {@link
 * ProxyRequestHandler} drives it for plain HTTP, the interceptor's request handler inside a tunnel;
 * everything runs on the client's event loop.
 */
public final class HttpForwarder {
  /** What the request handler hears back. */
  public interface Listener {
    /** The upstream is connected and the request head written: send the body. */
    void upstreamReady();

    /** The final response has been written to the client. */
    void responseComplete(boolean closeClient);

    /** The exchange failed; {@code response} is an error to send, or null to just close. */
    void failed(io.netty.handler.codec.http.FullHttpResponse response);

    /** Writability of the upstream changed (the client's reads follow it). */
    void upstreamWritabilityChanged();
  }

  private static final int MAX_RESPONSE_HEADER = 64 * 1024;

  private final ProxyServices services;
  private final ConnectionFacts facts;
  private final Channel client;
  private final Listener listener;
  private final UpstreamRoute route;
  private final ResponseFramer framer = new ResponseFramer();
  private Channel upstream;
  private String upstreamAuthority;
  private boolean inExchange;
  // The proxy's own time on the current request so far (DNS and connect waits excluded).
  private long proxyNanos;

  /**
   * @param route how each exchange reaches its upstream
   */
  public HttpForwarder(
      ProxyServices services,
      ConnectionFacts facts,
      Channel client,
      Listener listener,
      UpstreamRoute route) {
    this.services = services;
    this.facts = facts;
    this.client = client;
    this.listener = listener;
    this.route = route;
  }

  /** A forwarder for plain-HTTP requests: each request's host is resolved and checked. */
  static HttpForwarder plain(
      ProxyServices services, ConnectionFacts facts, Channel client, Listener listener) {
    return new HttpForwarder(
        services, facts, client, listener, new PlainHttpRoute(services, facts));
  }

  /**
   * Starts an exchange: {@code request} (already rewritten by the caller) goes to {@code target},
   * over the kept upstream connection when it leads there.
   *
   * @param headAt {@link System#nanoTime()} when the request head arrived
   */
  public void start(
      HttpRequest request, RequestTarget target, boolean clientKeepAlive, long headAt) {
    inExchange = true;
    framer.begin(request.method(), clientKeepAlive, request.protocolVersion());
    request.setProtocolVersion(HttpVersion.HTTP_1_1);
    String authority = target.authority();
    if (upstream != null && upstream.isActive() && authority.equals(upstreamAuthority)) {
      upstream.write(request, upstream.voidPromise());
      services.gate().observer().forwarded(facts, System.nanoTime() - headAt);
      listener.upstreamReady();
      return;
    }
    closeUpstream();
    proxyNanos = System.nanoTime() - headAt;
    route.open(target, client.eventLoop()).addListener(f -> opened(f, request, authority));
  }

  /** Sends a piece of the request body. */
  public void sendContent(HttpContent content) {
    if (upstream == null || !upstream.isActive()) {
      ReferenceCountUtil.release(content);
      return;
    }
    upstream.write(content, upstream.voidPromise());
    if (content instanceof LastHttpContent) {
      upstream.flush();
    }
  }

  public void flush() {
    if (upstream != null) {
      upstream.flush();
    }
  }

  public boolean upstreamWritable() {
    return upstream == null || upstream.isWritable();
  }

  /** The client's writability changed: the upstream reads only while the client can take more. */
  public void clientWritabilityChanged() {
    if (upstream != null && upstream.isActive()) {
      upstream.config().setAutoRead(client.isWritable());
    }
  }

  public void close() {
    inExchange = false;
    closeUpstream();
  }

  private void opened(Future<?> f, HttpRequest request, String authority) {
    long connectedAt = System.nanoTime();
    if (!client.isActive()) {
      if (f.isSuccess()) {
        ((Channel) f.getNow()).close();
      } else {
        ReferenceCountUtil.release(request);
      }
      return;
    }
    if (!f.isSuccess()) {
      inExchange = false;
      ReferenceCountUtil.release(request);
      listener.failed(route.failed(f.cause(), client.alloc()));
      return;
    }
    Channel ch = (Channel) f.getNow();
    HttpDecoderConfig decoder = new HttpDecoderConfig().setMaxHeaderSize(MAX_RESPONSE_HEADER);
    ch.pipeline()
        .addLast(
            "http",
            new HttpClientCodec(decoder, HttpClientCodec.DEFAULT_FAIL_ON_MISSING_RESPONSE, false))
        .addLast("response", new ResponseHandler());
    upstream = ch;
    upstreamAuthority = authority;
    facts.upstreamAddress(NetUtil.toSocketAddressString((InetSocketAddress) ch.remoteAddress()));
    ch.write(request, ch.voidPromise());
    services.gate().observer().forwarded(facts, proxyNanos + System.nanoTime() - connectedAt);
    ch.config().setAutoRead(client.isWritable());
    listener.upstreamReady();
  }

  private io.netty.handler.codec.http.FullHttpResponse error(
      HttpResponseStatus status, String text) {
    return ProxyResponses.error(status, text, client.alloc());
  }

  private void closeUpstream() {
    if (upstream != null) {
      Channel ch = upstream;
      upstream = null;
      upstreamAuthority = null;
      ch.close();
    }
  }

  private void onResponse(HttpObject msg) {
    if (!inExchange) {
      // Nothing was asked: an upstream must not speak first. Drop the connection.
      ReferenceCountUtil.release(msg);
      closeUpstream();
      return;
    }
    if (msg instanceof HttpResponse response) {
      if (response.decoderResult().isFailure()) {
        ReferenceCountUtil.release(msg);
        protocolError(ProxyError.UPSTREAM_PROTOCOL);
        return;
      }
      if (!framer.frame(response)) {
        protocolError(ProxyError.UPSTREAM_PROTOCOL);
        return;
      }
      response.headers().add(HttpHeaderNames.VIA, "1.1 agentgate");
    }
    client.write(msg, client.voidPromise());
    if (msg instanceof LastHttpContent && framer.finalResponseDone()) {
      client.flush();
      inExchange = false;
      if (!framer.upstreamReusable()) {
        closeUpstream();
      }
      listener.responseComplete(framer.closeClient());
      return;
    }
    if (!client.isWritable() && upstream != null) {
      upstream.config().setAutoRead(false);
    }
  }

  /** The exchange broke on the upstream side ({@code kind}: protocol error or reset). */
  private void protocolError(ProxyError kind) {
    services.gate().observer().error(facts, kind);
    inExchange = false;
    boolean started = framer.started();
    closeUpstream();
    listener.failed(
        started ? null : error(HttpResponseStatus.BAD_GATEWAY, "invalid response from upstream"));
  }

  /** On the upstream channel: hands response objects to the forwarder. */
  private final class ResponseHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (ctx.channel() != upstream || !(msg instanceof HttpObject o)) {
        ReferenceCountUtil.release(msg);
        return;
      }
      onResponse(o);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      client.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel() == upstream) {
        listener.upstreamWritabilityChanged();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (ctx.channel() != upstream) {
        return;
      }
      upstream = null;
      if (inExchange) {
        protocolError(ProxyError.UPSTREAM_RESET);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      boolean io = cause instanceof IOException;
      if (ctx.channel() == upstream && inExchange) {
        // Reported once here; the close that follows finds the exchange already over.
        protocolError(io ? ProxyError.UPSTREAM_RESET : ProxyError.UPSTREAM_PROTOCOL);
        return;
      }
      if (!io) {
        services.gate().observer().error(facts, ProxyError.UPSTREAM_PROTOCOL);
      }
      ctx.close();
    }
  }
}
