package dev.agentgate.proxy.it;

import static dev.agentgate.proxy.testing.ProxyFixture.HTTP_HOST;
import static dev.agentgate.proxy.testing.ProxyFixture.TLS_HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.testing.ProxyFixture;
import dev.agentgate.proxy.testing.RawClient;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.testing.TestUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: stop accepting, let open work finish up to the deadline, then close. */
class ShutdownIT {
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

  @Test
  void inFlightTunnelAndHttpResponsesFinishWhileNewConnectionsAreRefused() throws Exception {
    long size = 50L * 1024 * 1024;
    ProxyFixture proxy = ProxyFixture.start(upstream);
    int port = proxy.port();
    try (RawClient tunnel = new RawClient(port);
        RawClient http = new RawClient(port)) {
      tunnel.send("CONNECT " + HTTP_HOST + ":443 HTTP/1.1\r\nHost: x\r\n\r\n").readHead();
      tunnel.send(
          "GET /stream?bytes=" + size + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(tunnel.readHead()).startsWith("HTTP/1.1 200 ");
      http.send(
          "GET http://" + HTTP_HOST + "/stream?bytes=" + size + " HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(http.readHead()).startsWith("HTTP/1.1 200 ");

      CompletableFuture<Void> shutdown =
          CompletableFuture.runAsync(() -> proxy.server().shutdown(Duration.ofSeconds(60)));
      await().until(() -> refused(port));

      assertThat(bodyBytes(tunnel.socket().getInputStream())).isGreaterThan(size);
      byte[] rest = http.socket().getInputStream().readAllBytes();
      assertThat((long) rest.length).isGreaterThan(size);
      assertThat(new String(rest, rest.length - 5, 5, StandardCharsets.US_ASCII))
          .isEqualTo("0\r\n\r\n");
      shutdown.get();
      assertThat(proxy.server().openConnections()).isZero();
    }
  }

  private static long bodyBytes(InputStream in) throws IOException {
    byte[] buf = new byte[1 << 16];
    long total = 0;
    for (int k; (k = in.read(buf)) >= 0; ) {
      total += k;
    }
    return total;
  }

  @Test
  void idleKeepAliveConnectionsCloseAtOnceAndTunnelsAtTheDeadline() throws Exception {
    ProxyFixture proxy =
        ProxyFixture.start(
            upstream,
            c ->
                c.withTimeouts(
                    new ProxyConfig.Timeouts(
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(2))));
    try (RawClient keepAlive = new RawClient(proxy.port());
        RawClient tunnel = new RawClient(proxy.port())) {
      keepAlive.send("GET http://" + HTTP_HOST + "/small HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(keepAlive.readHead()).startsWith("HTTP/1.1 200 ");
      keepAlive.socket().getInputStream().readNBytes(TestUpstream.SMALL_BODY.length());
      tunnel.send("CONNECT " + HTTP_HOST + ":443 HTTP/1.1\r\nHost: x\r\n\r\n").readHead();
      tunnel.send("x"); // not TLS; allowed: the tunnel is open and quiet

      CompletableFuture<Void> shutdown =
          CompletableFuture.runAsync(() -> proxy.server().shutdown(Duration.ofSeconds(2)));

      assertThat(keepAlive.readUntilClose()).isEmpty();
      assertThat(shutdown).isNotDone();
      tunnel.readUntilClose();
      shutdown.get();
      assertThat(proxy.server().openConnections()).isZero();
    }
  }

  private static boolean refused(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
