package dev.agentgate.proxy.pipeline;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * Removes the headers that describe one hop (RFC 9110, 7.6.1): those named in Connection, and
 * Connection, Keep-Alive, Proxy-Connection, Proxy-Authorization, TE, Trailer, Upgrade. Framing
 * headers (Content-Length, Transfer-Encoding) stay whatever Connection says: the proxy re-frames
 * the body itself and must never let a client turn framing off.
 */
public final class HopByHopHeaders {
  private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
  // Netty deprecates its constant because Keep-Alive is not an HTTP/1.1 header: that is the point.
  private static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
  private static final AsciiString[] ALWAYS = {
    KEEP_ALIVE,
    PROXY_CONNECTION,
    HttpHeaderNames.PROXY_AUTHORIZATION,
    HttpHeaderNames.TE,
    HttpHeaderNames.TRAILER,
    HttpHeaderNames.UPGRADE
  };

  private HopByHopHeaders() {}

  /** Strips hop-by-hop headers in place. */
  public static void strip(HttpHeaders headers) {
    if (headers.contains(HttpHeaderNames.CONNECTION)) {
      for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
        for (String token : value.split(",")) {
          String name = token.strip();
          if (!name.isEmpty() && !isFraming(name)) {
            headers.remove(name);
          }
        }
      }
      headers.remove(HttpHeaderNames.CONNECTION);
    }
    for (AsciiString name : ALWAYS) {
      headers.remove(name);
    }
  }

  private static boolean isFraming(String name) {
    return HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)
        || HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name)
        || HttpHeaderNames.HOST.contentEqualsIgnoreCase(name);
  }
}
