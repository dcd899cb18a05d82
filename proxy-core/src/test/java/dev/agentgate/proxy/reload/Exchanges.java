package dev.agentgate.proxy.reload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 request and its response over an open stream, so a test controls which connection
 * (or tunnel) a request goes over.
 */
final class Exchanges {
  private Exchanges() {}

  /** Sends {@code request} and returns the status code; the body (Content-Length) is consumed. */
  static int exchange(InputStream in, OutputStream out, String request) throws IOException {
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    String head = head(in);
    if (head.isEmpty()) {
      throw new IOException("connection closed before a response");
    }
    int length = 0;
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    in.readNBytes(length);
    return Integer.parseInt(head.substring(9, 12));
  }

  static String head(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
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
}
