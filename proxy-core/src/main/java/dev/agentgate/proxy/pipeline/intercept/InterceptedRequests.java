package dev.agentgate.proxy.pipeline.intercept;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ProxyError;
import dev.agentgate.proxy.pipeline.HopByHopHeaders;
import dev.agentgate.proxy.pipeline.KnownMethods;
import dev.agentgate.proxy.pipeline.PolicyGate;
import dev.agentgate.proxy.pipeline.ProxyResponses;
import dev.agentgate.proxy.pipeline.UpstreamRequests;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.Locale;
import java.util.SortedSet;

/** How a request inside an intercepted tunnel is checked, shown to the policy and sent on. */
final class InterceptedRequests {
  private static final int HTTPS_PORT = 443;

  private InterceptedRequests() {}

  /** The HTTP-phase facts: the tunnel's facts plus method, path and headers (lower-case names). */
  static EgressRequest httpPhase(EgressRequest tunnel, HttpRequest request) {
    return tunnel.toBuilder()
        .phase(Phase.HTTP)
        .http(request.method().name(), request.uri(), UpstreamRequests.headerMap(request.headers()))
        .build();
  }

  /**
   * The answer to a request head that cannot be processed (malformed, too large, an unknown method
   * or a CONNECT inside the tunnel), after reporting it; null for a good head.
   */
  static FullHttpResponse malformed(
      HttpRequest request, PolicyGate gate, ConnectionFacts facts, ByteBufAllocator alloc) {
    if (request.decoderResult().isFailure()) {
      boolean tooLong = request.decoderResult().cause() instanceof TooLongFrameException;
      gate.observer().error(facts, tooLong ? ProxyError.HEADER_TOO_LARGE : ProxyError.BAD_REQUEST);
      return tooLong
          ? ProxyResponses.error(
              HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request head too large", alloc)
          : ProxyResponses.error(HttpResponseStatus.BAD_REQUEST, "malformed request", alloc);
    }
    if (!KnownMethods.isKnown(request.method()) || HttpMethod.CONNECT.equals(request.method())) {
      gate.observer().error(facts, ProxyError.BAD_REQUEST);
      return ProxyResponses.error(HttpResponseStatus.BAD_REQUEST, "unknown method", alloc);
    }
    return null;
  }

  /**
   * Why the request cannot go through this tunnel, or null. Inside a tunnel the target is
   * origin-form, and the Host header must name the tunnel's host: another host would reach a server
   * the policy never decided on (domain fronting behind a shared certificate).
   */
  static String misdirected(HttpRequest request, String tunnelHost) {
    String uri = request.uri();
    boolean originForm = uri.startsWith("/");
    boolean asterisk = "*".equals(uri) && HttpMethod.OPTIONS.equals(request.method());
    if (!originForm && !asterisk) {
      return "inside a tunnel, request targets are paths (origin-form)";
    }
    String host = request.headers().get(HttpHeaderNames.HOST);
    if (host != null && !hostOf(host).equals(tunnelHost)) {
      return "Host header names another host than the tunnel";
    }
    return null;
  }

  /** The host of a Host header value: lower case, without port, IPv6 brackets or final dot. */
  static String hostOf(String hostHeader) {
    String h = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      return close < 0 ? h : h.substring(1, close);
    }
    int colon = h.indexOf(':');
    String name = colon < 0 ? h : h.substring(0, colon);
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /** Rewrites the headers for the upstream in place: hop-by-hop headers go, Host is present. */
  static void prepare(HttpRequest request, String host, int port) {
    HttpHeaders headers = request.headers();
    HopByHopHeaders.strip(headers);
    if (!headers.contains(HttpHeaderNames.HOST)) {
      String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
      headers.set(HttpHeaderNames.HOST, port == HTTPS_PORT ? h : h + ":" + port);
    }
  }

  /** True when the request declares no body. */
  static boolean bodiless(HttpRequest request) {
    return !HttpUtil.isTransferEncodingChunked(request)
        && HttpUtil.getContentLength(request, 0L) == 0;
  }

  /**
   * Frames a body the proxy sends whole: a fixed Content-Length, no chunking and, when the body was
   * decoded by the redactor, no Content-Encoding.
   */
  static void fixedBody(HttpRequest request, int length, boolean decoded) {
    HttpHeaders headers = request.headers();
    headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
    if (decoded) {
      headers.remove(HttpHeaderNames.CONTENT_ENCODING);
    }
    headers.setInt(HttpHeaderNames.CONTENT_LENGTH, length);
  }

  /** The block a redactor's findings cause under {@code on_finding: block}: detectors only. */
  static Decision findingsBlock(Decision redact, SortedSet<String> detectors) {
    return block(
        redact,
        "redactor "
            + redact.redactor()
            + " found "
            + String.join(", ", detectors)
            + " in the request (on_finding: block)");
  }

  /** The block of a body that could not be inspected under {@code on_uninspectable: block}. */
  static Decision uninspectableBlock(Decision redact, String reason) {
    return block(
        redact, "the request body cannot be inspected: " + reason + " (on_uninspectable: block)");
  }

  private static Decision block(Decision redact, String reason) {
    return new Decision(
        Action.BLOCK,
        redact.ruleId(),
        reason,
        redact.message(),
        redact.redactor(),
        redact.reports(),
        redact.agent());
  }
}
