package dev.agentgate.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * A client that sends its TLS ClientHello in the same write as the CONNECT, without waiting for the
 * 200 (as some clients do), then completes the handshake and one GET with an SSLEngine.
 */
public final class EarlyHelloClient {
  private final Socket socket;
  private final SSLEngine engine;
  private final InputStream in;
  private final OutputStream out;
  private ByteBuffer netIn = ByteBuffer.allocate(1 << 17);

  private EarlyHelloClient(Socket socket, SSLEngine engine) throws Exception {
    this.socket = socket;
    this.engine = engine;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Returns the proxy's CONNECT answer head followed by the upstream's HTTP response. */
  public static String get(int proxyPort, String host, String path, SSLContext tls)
      throws Exception {
    return get(proxyPort, host, path, tls, "");
  }

  /** The same, with {@code extraHeaders} (each line ending in CRLF) in the CONNECT head. */
  public static String get(
      int proxyPort, String host, String path, SSLContext tls, String extraHeaders)
      throws Exception {
    try (Socket s = new Socket("127.0.0.1", proxyPort)) {
      s.setSoTimeout(10_000);
      s.setTcpNoDelay(true);
      SSLEngine engine = tls.createSSLEngine(host, 443);
      engine.setUseClientMode(true);
      return new EarlyHelloClient(s, engine).run(host, path, extraHeaders);
    }
  }

  private String run(String host, String path, String extraHeaders) throws Exception {
    engine.beginHandshake();
    ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(ByteBuffer.allocate(0), hello);
    hello.flip();
    byte[] connect =
        ("CONNECT " + host + ":443 HTTP/1.1\r\nHost: " + host + ":443\r\n" + extraHeaders + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    ByteBuffer first = ByteBuffer.allocate(connect.length + hello.remaining());
    first.put(connect).put(hello).flip();
    out.write(first.array(), 0, first.limit());
    out.flush();
    String head = readHead();
    if (!head.startsWith("HTTP/1.1 200")) {
      return head;
    }
    handshake();
    send(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"));
    return head + readAll();
  }

  private String readHead() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      b.write(c);
      state = (c == '\r' && state % 2 == 0) || (c == '\n' && state % 2 == 1) ? state + 1 : 0;
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  private void handshake() throws Exception {
    ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    HandshakeStatus hs = engine.getHandshakeStatus();
    while (hs != HandshakeStatus.FINISHED && hs != HandshakeStatus.NOT_HANDSHAKING) {
      switch (hs) {
        case NEED_WRAP -> {
          ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
          hs = engine.wrap(ByteBuffer.allocate(0), net).getHandshakeStatus();
          net.flip();
          out.write(net.array(), 0, net.limit());
          out.flush();
        }
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          netIn.flip();
          SSLEngineResult r = engine.unwrap(netIn, app);
          netIn.compact();
          hs = r.getHandshakeStatus();
          if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
            fill();
          }
        }
        case NEED_TASK -> {
          for (Runnable t; (t = engine.getDelegatedTask()) != null; ) {
            t.run();
          }
          hs = engine.getHandshakeStatus();
        }
        default -> throw new IllegalStateException(hs.toString());
      }
    }
  }

  private void send(String text) throws Exception {
    ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), net);
    net.flip();
    out.write(net.array(), 0, net.limit());
    out.flush();
  }

  private String readAll() throws Exception {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    while (true) {
      netIn.flip();
      SSLEngineResult r = engine.unwrap(netIn, app);
      netIn.compact();
      app.flip();
      plain.write(app.array(), 0, app.limit());
      app.clear();
      if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
        break;
      }
      // A record that yields no plain bytes (a TLS 1.3 session ticket) may be followed by more
      // records already buffered: read the socket only when nothing complete is left.
      if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
          || (r.bytesProduced() == 0 && netIn.position() == 0)) {
        if (!fill()) {
          break;
        }
      }
    }
    return plain.toString(StandardCharsets.ISO_8859_1);
  }

  private boolean fill() throws Exception {
    byte[] buf = new byte[16384];
    int n = in.read(buf);
    if (n < 0) {
      return false;
    }
    netIn.put(buf, 0, n);
    return true;
  }
}
