package dev.agentgate.proxy.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP and HTTPS origin on loopback (the JDK's server), with endpoints the tests use:
 *
 * <ul>
 *   <li>{@code /small}: a short fixed body with Content-Length;
 *   <li>{@code /echo}: reads the request body, answers {@code len=N sha256=HEX};
 *   <li>{@code /headers}: the method, URI and request headers it received, one per line;
 *   <li>{@code /stream?bytes=N}: N deterministic bytes, chunked; {@link #streamed()} counts them.
 * </ul>
 */
public final class TestUpstream implements AutoCloseable {
  /** The first bytes of every /stream body, repeated: the tests compute the same checksum. */
  public static final byte[] BLOCK = block();

  public static final String SMALL_BODY = "hello from upstream\n";

  private final HttpServer http;
  private final HttpsServer https;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final AtomicLong streamed = new AtomicLong();

  public TestUpstream(TestCa ca) throws Exception {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    https.setHttpsConfigurator(new HttpsConfigurator(ca.serverContext()));
    for (HttpServer s : List.of(http, https)) {
      s.createContext("/small", this::small);
      s.createContext("/echo", this::echo);
      s.createContext("/headers", this::headers);
      s.createContext("/stream", this::stream);
      s.setExecutor(executor);
      s.start();
    }
  }

  public int httpPort() {
    return http.getAddress().getPort();
  }

  public int httpsPort() {
    return https.getAddress().getPort();
  }

  /** Bytes of /stream bodies written so far (the server blocks when the path is full). */
  public long streamed() {
    return streamed.get();
  }

  /** The SHA-256 of a /stream body of {@code n} bytes. */
  public static String streamSha256(long n) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    long left = n;
    while (left > 0) {
      int k = (int) Math.min(BLOCK.length, left);
      md.update(BLOCK, 0, k);
      left -= k;
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private void small(HttpExchange ex) throws IOException {
    drain(ex.getRequestBody());
    byte[] body = SMALL_BODY.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private void echo(HttpExchange ex) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
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
    byte[] body =
        ("len=" + n + " sha256=" + HexFormat.of().formatHex(md.digest()) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private void headers(HttpExchange ex) throws IOException {
    drain(ex.getRequestBody());
    StringBuilder sb = new StringBuilder();
    sb.append("method: ").append(ex.getRequestMethod()).append('\n');
    sb.append("uri: ").append(ex.getRequestURI()).append('\n');
    Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Headers h = ex.getRequestHeaders();
    sorted.putAll(h);
    sorted.forEach(
        (k, v) -> v.forEach(x -> sb.append(k.toLowerCase()).append(": ").append(x).append('\n')));
    byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private void stream(HttpExchange ex) throws IOException {
    drain(ex.getRequestBody());
    long n = Long.parseLong(query(ex.getRequestURI(), "bytes"));
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      long left = n;
      while (left > 0) {
        int k = (int) Math.min(BLOCK.length, left);
        out.write(BLOCK, 0, k);
        streamed.addAndGet(k);
        left -= k;
      }
    }
  }

  private static String query(URI uri, String name) {
    for (String part : uri.getRawQuery().split("&")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    throw new IllegalArgumentException("missing " + name);
  }

  private static void drain(InputStream in) throws IOException {
    try (in) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  private static byte[] block() {
    byte[] b = new byte[64 * 1024];
    new Random(42).nextBytes(b);
    return b;
  }

  @Override
  public void close() {
    http.stop(0);
    https.stop(0);
    executor.shutdownNow();
  }
}
