package dev.agentgate.proxy.observe.audit;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a file as raw lines split at {@code \n}, so each line's hash is taken over exactly the
 * bytes that were written (no charset decoding, no {@code \r} handling).
 */
final class RawLineReader implements Closeable {

  /** One line: its bytes (without the newline) and whether a newline ended it. */
  record Line(byte[] bytes, boolean terminated) {}

  private final InputStream in;
  private byte[] buffer = new byte[1024];

  RawLineReader(InputStream in) {
    this.in = new BufferedInputStream(in, 64 * 1024);
  }

  /** The next line, or {@code null} at the end of the file. */
  Line next() throws IOException {
    int length = 0;
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        return new Line(Arrays.copyOf(buffer, length), true);
      }
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      buffer[length++] = (byte) b;
    }
    return length == 0 ? null : new Line(Arrays.copyOf(buffer, length), false);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
