package dev.agentgate.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A bare TCP client for what real clients won't send (origin-form, garbage, slow heads). */
public final class RawClient implements AutoCloseable {
  private final Socket socket;

  public RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
  }

  public Socket socket() {
    return socket;
  }

  public RawClient send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return this;
  }

  public RawClient send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return this;
  }

  /** Everything until the proxy closes the connection (fails if it does not within 10 s). */
  public String readUntilClose() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[8192];
    try {
      for (int r; (r = in.read(buf)) >= 0; ) {
        out.write(buf, 0, r);
      }
    } catch (SocketTimeoutException e) {
      throw new IOException("connection still open after 10 s; got: " + out, e);
    } catch (IOException e) {
      // A reset after the response still counts as closed.
      if (out.size() == 0) {
        return "";
      }
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads a response head (through the blank line), byte by byte so nothing after is consumed. */
  public String readHead() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      out.write(b);
      state =
          (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
              ? state + 1
              : 0;
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
