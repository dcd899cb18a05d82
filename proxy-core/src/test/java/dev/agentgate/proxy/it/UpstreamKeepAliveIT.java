package dev.agentgate.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.proxy.config.HostPort;
import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.testing.ProxyFixture;
import dev.agentgate.proxy.testing.RawClient;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.testing.TestUpstream;
import dev.agentgate.proxy.upstream.CidrRange;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Upstream connection reuse: requests to the same origin share one upstream connection, and a kept
 * connection that the upstream closed as a bodyless request crossed it is retried once on a new
 * connection instead of failing the client's request.
 */
class UpstreamKeepAliveIT {
  /** Answers the first request of its first connection, then drops that connection unanswered. */
  private static final class FlakyOrigin implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final Thread thread = new Thread(this::serve, "flaky-origin");

    FlakyOrigin() throws IOException {
      thread.setDaemon(true);
      thread.start();
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          int conn = connections.incrementAndGet();
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
          OutputStream out = s.getOutputStream();
          for (int n = 1; ; n++) {
            if (!readHead(in)) {
              break;
            }
            if (conn == 1 && n == 2) {
              break; // the race: close instead of answering the second request
            }
            requests.incrementAndGet();
            out.write(
                ("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nconn" + conn + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
          }
        } catch (IOException e) {
          // closed by the test
        }
      }
    }

    private static boolean readHead(BufferedReader in) throws IOException {
      String line = in.readLine();
      if (line == null) {
        return false;
      }
      while (line != null && !line.isEmpty()) {
        line = in.readLine();
      }
      return true;
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  @Test
  void aKeptConnectionClosedUnderABodylessRequestIsRetriedOnce() throws Exception {
    try (TestUpstream unused = new TestUpstream(TestCa.create("x.test"));
        FlakyOrigin origin = new FlakyOrigin();
        ProxyFixture proxy =
            ProxyFixture.start(
                unused,
                c ->
                    c.withUpstream(
                        new ProxyConfig.Upstream(
                            Set.of(443),
                            List.of(CidrRange.parse("127.0.0.1/32")),
                            Map.of(
                                "flaky.example.test",
                                new HostPort("127.0.0.1", origin.server.getLocalPort())))));
        RawClient c = new RawClient(proxy.port())) {
      String get = "GET http://flaky.example.test/ HTTP/1.1\r\nHost: flaky.example.test\r\n\r\n";

      c.send(get);
      assertThat(c.readHead()).startsWith("HTTP/1.1 200 ");
      assertThat(new String(c.socket().getInputStream().readNBytes(6), StandardCharsets.US_ASCII))
          .isEqualTo("conn1\n");
      c.send(get);
      assertThat(c.readHead()).startsWith("HTTP/1.1 200 ");
      assertThat(new String(c.socket().getInputStream().readNBytes(6), StandardCharsets.US_ASCII))
          .isEqualTo("conn2\n");
      c.send(get);
      assertThat(c.readHead()).startsWith("HTTP/1.1 200 ");
      assertThat(new String(c.socket().getInputStream().readNBytes(6), StandardCharsets.US_ASCII))
          .isEqualTo("conn2\n");

      assertThat(origin.connections.get()).isEqualTo(2);
    }
  }
}
