package dev.agentgate.proxy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class HopByHopHeadersTest {
  @Test
  void removesFixedAndConnectionListedHeaders() {
    HttpHeaders h = new DefaultHttpHeaders();
    h.add("Connection", "keep-alive, X-Private")
        .add("Connection", "x-other")
        .add("X-Private", "1")
        .add("X-Other", "2")
        .add("Keep-Alive", "timeout=5")
        .add("Proxy-Connection", "keep-alive")
        .add("Proxy-Authorization", "Basic abc")
        .add("TE", "trailers")
        .add("Trailer", "X-Sum")
        .add("Upgrade", "websocket")
        .add("X-End-To-End", "3");

    HopByHopHeaders.strip(h);

    assertThat(h.names()).containsExactly("X-End-To-End");
  }

  @Test
  void framingHeadersSurviveBeingListedInConnection() {
    HttpHeaders h = new DefaultHttpHeaders();
    h.add("Connection", "content-length, transfer-encoding, host")
        .add("Content-Length", "5")
        .add("Transfer-Encoding", "chunked")
        .add("Host", "a");

    HopByHopHeaders.strip(h);

    assertThat(h.names()).containsExactlyInAnyOrder("Content-Length", "Transfer-Encoding", "Host");
  }
}
