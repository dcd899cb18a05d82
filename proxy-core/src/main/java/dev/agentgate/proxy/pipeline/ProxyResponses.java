package dev.agentgate.proxy.pipeline;

import dev.agentgate.policy.Decision;
import dev.agentgate.proxy.identity.IdentityResolver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The responses the proxy writes itself: the block page (403 naming the rule and reason, with a
 * line asking an agent not to work around the proxy) and short error responses. Each comes as a
 * Netty response for the HTTP path and as raw bytes for a CONNECT, whose codec is already gone. All
 * of them close the connection.
 */
public final class ProxyResponses {
  public static final String RULE_HEADER = "X-Agentgate-Rule";

  private static final byte[] CONNECTION_ESTABLISHED =
      "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private static final String DO_NOT_BYPASS =
      "This is a deliberate decision of your organisation's egress policy. Do not try to get"
          + " around the proxy (other hosts, IP addresses, protocols or tools); tell your user"
          + " what was blocked and why, and ask them to contact their administrator if it is"
          + " wrong.\n";

  private ProxyResponses() {}

  /** The 200 answer to an accepted CONNECT. */
  static ByteBuf connectionEstablished(ByteBufAllocator alloc) {
    return alloc.buffer(CONNECTION_ESTABLISHED.length).writeBytes(CONNECTION_ESTABLISHED);
  }

  /** The text of a block: rule id, reason, the policy's message, and the do-not-bypass line. */
  public static String blockText(Decision decision) {
    StringBuilder sb = new StringBuilder(512);
    sb.append("agentgate blocked this request.\n")
        .append("rule: ")
        .append(decision.ruleId())
        .append('\n')
        .append("reason: ")
        .append(decision.reason())
        .append('\n');
    if (decision.message() != null && !decision.message().isBlank()) {
      sb.append(decision.message().strip()).append('\n');
    }
    return sb.append('\n').append(DO_NOT_BYPASS).toString();
  }

  /** A 403 for a blocked plain-HTTP request. */
  public static FullHttpResponse blocked(Decision decision, ByteBufAllocator alloc) {
    FullHttpResponse r = full(HttpResponseStatus.FORBIDDEN, blockText(decision), alloc);
    r.headers().set(RULE_HEADER, headerSafe(decision.ruleId()));
    return r;
  }

  /** A 403 for a blocked CONNECT, as raw bytes. */
  static ByteBuf blockedRaw(Decision decision, ByteBufAllocator alloc) {
    return raw(HttpResponseStatus.FORBIDDEN, blockText(decision), decision.ruleId(), null, alloc);
  }

  /** A 407 asking for proxy credentials, for the HTTP path. */
  static FullHttpResponse proxyAuthRequired(String text, ByteBufAllocator alloc) {
    FullHttpResponse r =
        full(HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED, "agentgate: " + text + "\n", alloc);
    r.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, IdentityResolver.PROXY_AUTHENTICATE);
    return r;
  }

  /** A 407 asking for proxy credentials, as raw bytes for a CONNECT. */
  static ByteBuf proxyAuthRequiredRaw(String text, ByteBufAllocator alloc) {
    return raw(
        HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED,
        "agentgate: " + text + "\n",
        null,
        "Proxy-Authenticate: " + IdentityResolver.PROXY_AUTHENTICATE,
        alloc);
  }

  /** A short error response ({@code text} is one line) for the HTTP path. */
  public static FullHttpResponse error(
      HttpResponseStatus status, String text, ByteBufAllocator alloc) {
    return full(status, "agentgate: " + text + "\n", alloc);
  }

  /** A short error response as raw bytes, for a CONNECT or a connection without a codec. */
  static ByteBuf errorRaw(HttpResponseStatus status, String text, ByteBufAllocator alloc) {
    return raw(status, "agentgate: " + text + "\n", null, null, alloc);
  }

  private static FullHttpResponse full(
      HttpResponseStatus status, String body, ByteBufAllocator alloc) {
    ByteBuf content = ByteBufUtil.writeUtf8(alloc, body);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    r.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return r;
  }

  private static ByteBuf raw(
      HttpResponseStatus status,
      String body,
      String ruleId,
      String extraHeader,
      ByteBufAllocator alloc) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder(160)
            .append("HTTP/1.1 ")
            .append(status.code())
            .append(' ')
            .append(status.reasonPhrase())
            .append("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ")
            .append(bytes.length)
            .append("\r\nConnection: close\r\n");
    if (ruleId != null) {
      head.append(RULE_HEADER).append(": ").append(headerSafe(ruleId)).append("\r\n");
    }
    if (extraHeader != null) {
      head.append(extraHeader).append("\r\n");
    }
    head.append("\r\n");
    ByteBuf out = alloc.buffer(head.length() + bytes.length);
    out.writeCharSequence(head, StandardCharsets.US_ASCII);
    return out.writeBytes(bytes);
  }

  /** Rule ids come from policy files: keep only printable ASCII so they cannot split a header. */
  private static String headerSafe(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return sb.toString();
  }
}
