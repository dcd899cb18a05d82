package dev.agentgate.proxy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class ResponseFramerTest {
  private final ResponseFramer framer = new ResponseFramer();

  private static HttpResponse response(HttpVersion v, int status, String... headers) {
    HttpResponse r = new DefaultHttpResponse(v, HttpResponseStatus.valueOf(status));
    for (int i = 0; i < headers.length; i += 2) {
      r.headers().add(headers[i], headers[i + 1]);
    }
    return r;
  }

  @Test
  void lengthDelimitedResponseKeepsBothConnections() {
    framer.begin(HttpMethod.GET, true, HttpVersion.HTTP_1_1);
    HttpResponse r = response(HttpVersion.HTTP_1_1, 200, "Content-Length", "5", "Keep-Alive", "x");

    assertThat(framer.frame(r)).isTrue();
    assertThat(framer.upstreamReusable()).isTrue();
    assertThat(framer.closeClient()).isFalse();
    assertThat(r.headers().contains("Keep-Alive")).isFalse();
    assertThat(framer.finalResponseDone()).isTrue();
  }

  @Test
  void readUntilCloseBodyIsRechunkedForHttp11Clients() {
    framer.begin(HttpMethod.GET, true, HttpVersion.HTTP_1_1);
    HttpResponse r = response(HttpVersion.HTTP_1_0, 200);

    framer.frame(r);

    assertThat(r.headers().get("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(framer.upstreamReusable()).isFalse();
    assertThat(framer.closeClient()).isFalse();
    assertThat(r.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
  }

  @Test
  void readUntilCloseBodyClosesAnHttp10Client() {
    framer.begin(HttpMethod.GET, true, HttpVersion.HTTP_1_0);
    HttpResponse r = response(HttpVersion.HTTP_1_1, 200, "Connection", "close");

    framer.frame(r);

    assertThat(framer.closeClient()).isTrue();
    assertThat(r.headers().get("Connection")).isEqualTo("close");
  }

  @Test
  void headAnd304HaveNoBodyToFrame() {
    framer.begin(HttpMethod.HEAD, true, HttpVersion.HTTP_1_1);
    HttpResponse head = response(HttpVersion.HTTP_1_1, 200);
    framer.frame(head);
    assertThat(head.headers().contains("Transfer-Encoding")).isFalse();
    assertThat(framer.upstreamReusable()).isTrue();

    framer.begin(HttpMethod.GET, true, HttpVersion.HTTP_1_1);
    HttpResponse notModified = response(HttpVersion.HTTP_1_1, 304);
    framer.frame(notModified);
    assertThat(notModified.headers().contains("Transfer-Encoding")).isFalse();
  }

  @Test
  void interimResponsesDoNotEndTheExchangeAndUpgradeIsRefused() {
    framer.begin(HttpMethod.POST, true, HttpVersion.HTTP_1_1);
    assertThat(framer.frame(response(HttpVersion.HTTP_1_1, 100))).isTrue();
    assertThat(framer.finalResponseDone()).isFalse();
    assertThat(framer.started()).isFalse();

    assertThat(framer.frame(response(HttpVersion.HTTP_1_1, 101, "Upgrade", "websocket"))).isFalse();
  }

  @Test
  void clientThatAskedToCloseGetsConnectionClose() {
    framer.begin(HttpMethod.GET, false, HttpVersion.HTTP_1_1);
    HttpResponse r = response(HttpVersion.HTTP_1_1, 200, "Content-Length", "0");
    framer.frame(r);
    assertThat(r.headers().get("Connection")).isEqualTo("close");
    assertThat(framer.closeClient()).isTrue();
  }

  @Test
  void chunkedBodyForAnHttp10ClientIsSentRawAndEndedByClose() {
    framer.begin(HttpMethod.GET, true, HttpVersion.HTTP_1_0);
    HttpResponse r = response(HttpVersion.HTTP_1_1, 200, "Transfer-Encoding", "chunked");

    framer.frame(r);

    assertThat(r.headers().contains("Transfer-Encoding")).isFalse();
    assertThat(framer.closeClient()).isTrue();
    assertThat(r.headers().get("Connection")).isEqualTo("close");
  }
}
