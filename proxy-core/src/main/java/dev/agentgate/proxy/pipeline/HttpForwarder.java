package dev.agentgate.proxy.pipeline;

import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ProxyError;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpResponse;
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
    void failed(FullHttpResponse response);

    /** Writability of the upstream changed (the client's reads follow it). */
    void upstreamWritabilityChanged();
  }

  private static final int MAX_RESPONSE_HEADER = 64 * 1024;
  // Body pieces are slices of what one read brought in: a large limit means one piece per read,
  // not a split into many small ones, and costs no memory.
  static final int MAX_BODY_PIECE = 1024 * 1024;

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
  // For one retry when a kept upstream connection turns out closed before answering.
  private HttpRequest head;
  private boolean reused;
  private boolean bodySent;
  private boolean requestComplete;
  private boolean responseSeen;

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
    head = request;
    bodySent = false;
    requestComplete = false;
    responseSeen = false;
    String authority = target.authority();
    reused = upstream != null && upstream.isActive() && authority.equals(upstreamAuthority);
    if (reused) {
      upstream.write(request, upstream.voidPromise());
      services.gate().observer().forwarded(facts, System.nanoTime() - headAt);
      listener.upstreamReady();
      return;
    }
    closeUpstream();
    proxyNanos = System.nanoTime() - headAt;
    route
        .open(target, client.eventLoop())
        .addListener(f -> connected(f, request, authority, false));
  }

  /** Sends a piece of the request body. */
  public void sendContent(HttpContent content) {
    if (upstream == null || !upstream.isActive()) {
      ReferenceCountUtil.release(content);
      return;
    }
    bodySent |= content.content().isReadable();
    upstream.write(content, upstream.voidPromise());
    if (content instanceof LastHttpContent) {
      requestComplete = true;
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

  /**
   * The kept connection closed before any answer to a bodyless request that was complete: the
   * upstream timed it out as the request crossed. Send it again on a new connection (to the same
   * checked addresses), once.
   */
  private void retry() {
    reused = false;
    String authority = upstreamAuthority;
    route.reopen(client.eventLoop()).addListener(c -> connected(c, head, authority, true));
  }

  private void connected(Future<?> f, HttpRequest request, String authority, boolean retry) {
    long connectedAt = System.nanoTime();
    if (!client.isActive()) {
      if (f.isSuccess()) {
        ((Channel) f.getNow()).close();
      }
      return;
    }
    if (!f.isSuccess()) {
      inExchange = false;
      listener.failed(route.failed(f.cause(), client.alloc()));
      return;
    }
    Channel ch = (Channel) f.getNow();
    if (!client.isActive()) {
      ch.close();
      return;
    }
    HttpDecoderConfig decoder =
        new HttpDecoderConfig()
            .setMaxHeaderSize(MAX_RESPONSE_HEADER)
            .setMaxChunkSize(MAX_BODY_PIECE);
    ch.pipeline()
        .addLast(
            "http",
            new HttpClientCodec(decoder, HttpClientCodec.DEFAULT_FAIL_ON_MISSING_RESPONSE, false))
        .addLast("response", new UpstreamResponseHandler(this));
    upstream = ch;
    upstreamAuthority = authority;
    facts.upstreamAddress(NetUtil.toSocketAddressString((InetSocketAddress) ch.remoteAddress()));
    ch.write(request, ch.voidPromise());
    services.gate().observer().forwarded(facts, proxyNanos + System.nanoTime() - connectedAt);
    ch.config().setAutoRead(client.isWritable());
    if (retry) {
      ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, ch.voidPromise());
    } else {
      listener.upstreamReady();
    }
  }

  private FullHttpResponse error(HttpResponseStatus status, String text) {
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

  /** A response object from the upstream channel {@code ch}. */
  void onResponse(Channel ch, HttpObject msg) {
    if (ch != upstream) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (!inExchange) {
      // Nothing was asked: an upstream must not speak first. Drop the connection.
      ReferenceCountUtil.release(msg);
      closeUpstream();
      return;
    }
    responseSeen = true;
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

  /** The upstream channel {@code ch} closed. */
  void upstreamClosed(Channel ch) {
    if (ch != upstream) {
      return;
    }
    upstream = null;
    if (inExchange && reused && requestComplete && !bodySent && !responseSeen) {
      retry();
    } else if (inExchange) {
      protocolError(ProxyError.UPSTREAM_RESET);
    }
  }

  /** The upstream channel {@code ch} became writable or not. */
  void upstreamWritabilityChanged(Channel ch) {
    if (ch == upstream) {
      listener.upstreamWritabilityChanged();
    }
  }

  /** Everything written to the client so far goes out. */
  void flushClient() {
    client.flush();
  }

  /**
   * Something failed on the upstream channel {@code ch} that is not a socket error (those close it
   * first): a response the codec cannot decode.
   */
  void upstreamFailed(Channel ch) {
    if (ch == upstream && inExchange) {
      // Reported once here; the close that follows finds the exchange already over.
      protocolError(ProxyError.UPSTREAM_PROTOCOL);
      return;
    }
    services.gate().observer().error(facts, ProxyError.UPSTREAM_PROTOCOL);
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
}
