package dev.agentgate.proxy.pipeline;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Decides how one upstream response is framed towards the client and whether either connection
 * survives it: strips hop-by-hop headers, keeps the client connection alive where the client asked
 * for it (re-framing a read-until-close body as chunked for HTTP/1.1 clients), and remembers
 * whether the upstream connection can carry the next request. Interim (1xx) responses pass through
 * without ending the exchange.
 */
final class ResponseFramer {
  private HttpMethod method;
  private HttpVersion clientVersion;
  private boolean started;
  private boolean interim;
  private boolean upstreamReusable;
  private boolean closeClient;

  /** A new exchange: the request's method, whether the client keeps the connection, its version. */
  void begin(HttpMethod requestMethod, boolean clientKeepAlive, HttpVersion version) {
    method = requestMethod;
    clientVersion = version;
    started = false;
    interim = false;
    upstreamReusable = true;
    closeClient = !clientKeepAlive;
  }

  /**
   * Rewrites {@code response}'s headers in place for the client. Returns false for a response the
   * proxy cannot pass on (101 Switching Protocols: the proxy never forwards Upgrade).
   */
  boolean frame(HttpResponse response) {
    int code = response.status().code();
    if (code == 101) {
      return false;
    }
    interim = code >= 100 && code < 200;
    boolean upstreamKeepAlive = HttpUtil.isKeepAlive(response);
    HopByHopHeaders.strip(response.headers());
    response.setProtocolVersion(HttpVersion.HTTP_1_1);
    if (interim) {
      return true;
    }
    started = true;
    upstreamReusable = upstreamKeepAlive;
    boolean bodyless = HttpMethod.HEAD.equals(method) || code == 204 || code == 304;
    if (!bodyless
        && !HttpUtil.isContentLengthSet(response)
        && !HttpUtil.isTransferEncodingChunked(response)) {
      // The body ends when the upstream closes: the client needs other framing to keep going.
      upstreamReusable = false;
      if (!closeClient && HttpVersion.HTTP_1_1.equals(clientVersion)) {
        HttpUtil.setTransferEncodingChunked(response, true);
      } else {
        closeClient = true;
      }
    }
    boolean http11 = HttpVersion.HTTP_1_1.equals(clientVersion);
    if (!http11 && HttpUtil.isTransferEncodingChunked(response)) {
      // HTTP/1.0 has no chunked coding: send the body as is and end it by closing.
      HttpUtil.setTransferEncodingChunked(response, false);
      closeClient = true;
    }
    if (closeClient) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (!http11) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    return true;
  }

  /** True once a final (non-1xx) response head has been framed. */
  boolean started() {
    return started;
  }

  /** Called at a LastHttpContent: true when it ends the final response, not an interim one. */
  boolean finalResponseDone() {
    return started && !interim;
  }

  boolean upstreamReusable() {
    return upstreamReusable;
  }

  boolean closeClient() {
    return closeClient;
  }

  /** The client connection must close after this response (draining, or a request cut short). */
  void closeClientAfter() {
    closeClient = true;
  }
}
