package dev.agentgate.proxy.it;

import static dev.agentgate.proxy.testing.ProxyFixture.HTTP_HOST;
import static dev.agentgate.proxy.testing.ProxyFixture.TLS_HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.observe.ProxyError;
import dev.agentgate.proxy.testing.ProxyFixture;
import dev.agentgate.proxy.testing.RawClient;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.testing.TestUpstream;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Backpressure, timeouts and connection limits, each on its own proxy with small settings. */
class LimitsIT {
  private static TestCa ca;
  private static TestUpstream upstream;

  @BeforeAll
  static void start() throws Exception {
    ca = TestCa.create(TLS_HOST);
    upstream = new TestUpstream(ca);
  }

  @AfterAll
  static void stop() {
    upstream.close();
  }

  private static ProxyFixture proxy(ProxyConfig.Timeouts timeouts, int maxPerClient)
      throws Exception {
    return ProxyFixture.start(
        upstream,
        c ->
            c.withTimeouts(timeouts)
                .withLimits(new ProxyConfig.Limits(c.limits().maxHeaderSize(), maxPerClient)));
  }

  private static ProxyConfig.Timeouts timeouts(Duration idle, Duration head) {
    return new ProxyConfig.Timeouts(Duration.ofSeconds(5), idle, head, Duration.ofSeconds(5));
  }

  @Test
  void aSlowReaderPausesTheUpstreamAndProxyMemoryStaysBounded() throws Exception {
    long size = 300L * 1024 * 1024;
    try (ProxyFixture proxy = proxy(ProxyConfig.Timeouts.DEFAULTS, 100);
        RawClient c = new RawClient(proxy.port())) {
      long before = upstream.streamed();
      c.send("CONNECT " + HTTP_HOST + ":443 HTTP/1.1\r\nHost: x\r\n\r\n").readHead();
      c.send("GET /stream?bytes=" + size + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

      // The client reads nothing: the upstream must stall long before the body is through.
      AtomicLong last = new AtomicLong(-1);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> last.getAndSet(upstream.streamed()) == upstream.streamed());
      long stalledAt = upstream.streamed() - before;
      long direct = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
      assertThat(stalledAt).isLessThan(size / 4);
      assertThat(direct).isLessThan(64L * 1024 * 1024);

      // Reading resumes the flow; everything arrives.
      InputStream in = c.socket().getInputStream();
      byte[] buf = new byte[1 << 16];
      long total = 0;
      for (int k; (k = in.read(buf)) >= 0; ) {
        total += k;
      }
      assertThat(total).isGreaterThan(size);
    }
  }

  @Test
  void anIdleTunnelIsClosedAtTheIdleTimeout() throws Exception {
    try (ProxyFixture proxy = proxy(timeouts(Duration.ofSeconds(1), Duration.ofSeconds(30)), 100);
        RawClient c = new RawClient(proxy.port())) {
      c.send("CONNECT " + TLS_HOST + ":443 HTTP/1.1\r\nHost: x\r\n\r\n").readHead();
      SSLSocket s =
          (SSLSocket)
              ca.clientContext().getSocketFactory().createSocket(c.socket(), TLS_HOST, 443, false);
      s.startHandshake();
      s.setSoTimeout(10_000);

      int read = readOrEof(s.getInputStream());

      assertThat(read).isEqualTo(-1);
      await().until(() -> proxy.observer.errors.contains(ProxyError.IDLE_TIMEOUT));
    }
  }

  @Test
  void aClientThatNeverFinishesItsRequestHeadGets408() throws Exception {
    try (ProxyFixture proxy = proxy(timeouts(Duration.ofMinutes(5), Duration.ofSeconds(1)), 100);
        RawClient c = new RawClient(proxy.port())) {
      String reply =
          c.send("GET http://" + HTTP_HOST + "/small HTTP/1.1\r\nHost: x\r\n").readUntilClose();

      assertThat(reply).startsWith("HTTP/1.1 408 ");
      assertThat(proxy.observer.errors).contains(ProxyError.HEAD_TIMEOUT);
    }
  }

  @Test
  void aTunnelWhoseClientHelloNeverComesIsClosed() throws Exception {
    try (ProxyFixture proxy = proxy(timeouts(Duration.ofMinutes(5), Duration.ofSeconds(1)), 100);
        RawClient c = new RawClient(proxy.port())) {
      assertThat(c.send("CONNECT " + TLS_HOST + ":443 HTTP/1.1\r\nHost: x\r\n\r\n").readHead())
          .startsWith("HTTP/1.1 200 ");
      c.send(new byte[] {22, 3, 1}); // the start of a record, then nothing

      assertThat(c.readUntilClose()).isEmpty();
      assertThat(proxy.observer.errors).contains(ProxyError.HEAD_TIMEOUT);
    }
  }

  @Test
  void connectionsPerClientAddressAreLimited() throws Exception {
    try (ProxyFixture proxy = proxy(ProxyConfig.Timeouts.DEFAULTS, 2);
        RawClient a = new RawClient(proxy.port());
        RawClient b = new RawClient(proxy.port())) {
      await().until(() -> proxy.server().openConnections() == 2);
      try (RawClient third = new RawClient(proxy.port())) {
        assertThat(third.readUntilClose()).startsWith("HTTP/1.1 429 ");
      }
      a.close();
      await().until(() -> proxy.server().openConnections() == 1);
      try (RawClient again = new RawClient(proxy.port())) {
        String reply =
            again
                .send(
                    "GET http://"
                        + HTTP_HOST
                        + "/small HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .readUntilClose();
        assertThat(reply).startsWith("HTTP/1.1 200 ").endsWith(TestUpstream.SMALL_BODY);
      }
    }
  }

  private static int readOrEof(InputStream in) {
    try {
      return in.read();
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
