package dev.agentgate.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate answers unauthenticated or oversized requests before any body is buffered. */
class AdminGateTest {
  private static final String TOKEN = "3f9c2a7d41e8b6055c1d9e2f7a4b8c63";

  @TempDir Path dir;

  private EmbeddedChannel channel() throws IOException {
    AdminToken token = AdminToken.load(Files.writeString(dir.resolve("t"), TOKEN));
    return new EmbeddedChannel(new AdminGate(token));
  }

  private static HttpRequest put(String auth) {
    HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/v1/policy");
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 5);
    if (auth != null) {
      r.headers().set(HttpHeaderNames.AUTHORIZATION, auth);
    }
    return r;
  }

  private static DefaultHttpContent body() {
    return new DefaultHttpContent(Unpooled.copiedBuffer("abcde", StandardCharsets.US_ASCII));
  }

  @Test
  void noTokenIs401AndTheBodyIsDroppedThenTheConnectionCloses() throws IOException {
    EmbeddedChannel ch = channel();
    ch.writeInbound(put(null));
    FullHttpResponse r = ch.readOutbound();
    assertThat(r.status().code()).isEqualTo(401);
    assertThat(r.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).startsWith("Bearer");
    r.release();
    assertThat(ch.isOpen()).isTrue();

    ch.writeInbound(body());
    assertThat((Object) ch.readInbound()).isNull();
    ch.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
    assertThat(ch.isOpen()).isFalse();
    ch.finishAndReleaseAll();
  }

  @Test
  void aWrongTokenIs403() throws IOException {
    EmbeddedChannel ch = channel();
    ch.writeInbound(put("Bearer wrong-token-of-some-length"));
    FullHttpResponse r = ch.readOutbound();
    assertThat(r.status().code()).isEqualTo(403);
    r.release();
    assertThat((Object) ch.readInbound()).isNull();
    ch.finishAndReleaseAll();
  }

  @Test
  void theRightTokenPassesHeadAndBody() throws IOException {
    EmbeddedChannel ch = channel();
    ch.writeInbound(put("Bearer " + TOKEN), body(), LastHttpContent.EMPTY_LAST_CONTENT);
    assertThat((Object) ch.readOutbound()).isNull();
    assertThat(ch.inboundMessages()).hasSize(3);
    ch.finishAndReleaseAll();
  }

  @Test
  void healthEndpointsNeedNoTokenButMayNotCarryABigBody() throws IOException {
    EmbeddedChannel ch = channel();
    ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/healthz"));
    assertThat(ch.inboundMessages()).hasSize(1);
    assertThat((Object) ch.readOutbound()).isNull();

    HttpRequest big = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/metrics");
    big.headers().set(HttpHeaderNames.CONTENT_LENGTH, AdminGate.SMALL_BODY + 1);
    ch.writeInbound(big);
    FullHttpResponse r = ch.readOutbound();
    assertThat(r.status().code()).isEqualTo(413);
    r.release();
    ch.finishAndReleaseAll();
  }
}
