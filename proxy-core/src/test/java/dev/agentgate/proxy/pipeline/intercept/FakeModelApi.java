package dev.agentgate.proxy.pipeline.intercept;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.agentgate.proxy.testing.TestCa;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A model API on loopback HTTPS (the JDK's server, with a certificate from its own test CA), that
 * records every request it receives:
 *
 * <ul>
 *   <li>{@code /v1/messages}, {@code /v1/responses}, anything else: 200 with a small JSON body;
 *   <li>{@code /sse}: a server-sent event stream: event 1, then it waits until the test calls
 *       {@link #releaseSecondEvent()} (at most 10 s), then event 2;
 *   <li>{@code /echo}: reads the body and answers {@code len=N sha256=HEX};
 *   <li>{@code /download?bytes=N}: N bytes, chunked.
 * </ul>
 */
final class FakeModelApi implements AutoCloseable {
  /** What the server received. */
  record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final HttpsServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private volatile CountDownLatch secondEvent = new CountDownLatch(1);
  private volatile Boolean secondEventReleasedInTime;

  FakeModelApi(TestCa ca) throws Exception {
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(ca.serverContext()));
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Lets the {@code /sse} stream send its second event. */
  void releaseSecondEvent() {
    secondEvent.countDown();
  }

  /** Whether the last {@code /sse} stream was released before its wait timed out. */
  Boolean secondEventReleasedInTime() {
    return secondEventReleasedInTime;
  }

  /** The next request received, waiting up to 10 s. */
  Received next() throws InterruptedException {
    Received r = received.poll(10, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("the fake model API received no request");
    }
    return r;
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    if (path.equals("/echo")) {
      echo(ex);
      return;
    }
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, List<String>> headers = new TreeMap<>();
    ex.getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(), headers, body));
    switch (path) {
      case "/sse" -> sse(ex);
      case "/download" -> download(ex);
      default -> {
        byte[] answer =
            ("{\"ok\":true,\"received\":" + body.length + "}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, answer.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  private void sse(HttpExchange ex) throws IOException {
    CountDownLatch latch = new CountDownLatch(1);
    secondEvent = latch;
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      out.write("event: one\ndata: {\"n\":1}\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      boolean released;
      try {
        released = latch.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        released = false;
      }
      secondEventReleasedInTime = released;
      out.write("event: two\ndata: {\"n\":2}\n\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  private void download(HttpExchange ex) throws IOException {
    long n = Long.parseLong(ex.getRequestURI().getQuery().replace("bytes=", ""));
    byte[] block = new byte[64 * 1024];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) (i * 31 + 7);
    }
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      for (long left = n; left > 0; left -= block.length) {
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
  }

  private static void echo(HttpExchange ex) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IOException(e);
    }
    long n = 0;
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = ex.getRequestBody()) {
      for (int r; (r = in.read(buf)) >= 0; ) {
        md.update(buf, 0, r);
        n += r;
      }
    }
    byte[] answer =
        ("len=" + n + " sha256=" + HexFormat.of().formatHex(md.digest()))
            .getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, answer.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(answer);
    }
  }

  @Override
  public void close() {
    releaseSecondEvent();
    server.stop(0);
    executor.shutdownNow();
  }
}
