package dev.agentgate.policy.redact.body;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Undoes a request's Content-Encoding (gzip, x-gzip, deflate, br, zstd, identity, in the order
 * listed), never producing more than the size limit, so that a compression bomb is rejected rather
 * than expanded.
 */
public final class BodyDecoder {
  private BodyDecoder() {}

  /**
   * Decodes {@code body} as {@code contentEncoding} says.
   *
   * @param contentEncoding the header value; null or blank means identity
   * @param maxBytes largest decoded size accepted
   * @throws UninspectableException for an unknown coding, a corrupt body, or one too large
   */
  public static byte[] decode(String contentEncoding, byte[] body, int maxBytes)
      throws UninspectableException {
    if (contentEncoding == null || contentEncoding.isBlank()) {
      return body;
    }
    List<String> codings =
        List.of(contentEncoding.toLowerCase(Locale.ROOT).split(",")).stream()
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    byte[] data = body;
    // Codings are listed in the order they were applied: undo them last to first.
    for (int i = codings.size() - 1; i >= 0; i--) {
      data = decodeOne(codings.get(i), data, maxBytes);
    }
    return data;
  }

  private static byte[] decodeOne(String coding, byte[] data, int maxBytes)
      throws UninspectableException {
    switch (coding) {
      case "identity":
        return data;
      case "gzip":
      case "x-gzip":
        return inflate(coding, () -> new GZIPInputStream(new ByteArrayInputStream(data)), maxBytes);
      case "deflate":
        // RFC 9110 deflate is zlib-wrapped; some clients send raw deflate: the header tells.
        // An Inflater passed in is not ended by the stream: end it here, not at GC time.
        Inflater inflater = new Inflater(!hasZlibHeader(data));
        try {
          return inflate(
              coding,
              () -> new InflaterInputStream(new ByteArrayInputStream(data), inflater),
              maxBytes);
        } finally {
          inflater.end();
        }
      case "br":
        return inflate(
            coding, () -> new BrotliInputStream(new ByteArrayInputStream(data)), maxBytes);
      case "zstd":
        return inflate(coding, () -> new ZstdInputStream(new ByteArrayInputStream(data)), maxBytes);
      default:
        throw new UninspectableException("unsupported content-encoding " + printable(coding));
    }
  }

  @FunctionalInterface
  private interface StreamOpener {
    InputStream open() throws IOException;
  }

  private static byte[] inflate(String coding, StreamOpener opener, int maxBytes)
      throws UninspectableException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16 * 1024];
    try (InputStream in = opener.open()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + (long) n > maxBytes) {
          throw new UninspectableException("decoded body exceeds max_body_bytes " + maxBytes);
        }
        out.write(buf, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      // Decoders signal corrupt input with IOExceptions, brotli and zstd also with runtime
      // exceptions. Their messages describe the stream, never its content; the type is enough.
      throw new UninspectableException(
          "corrupt " + coding + " body (" + e.getClass().getSimpleName() + ")");
    }
    return out.toByteArray();
  }

  /**
   * A zlib stream starts with CMF (method 8, deflate) and FLG such that CMF*256+FLG is 0 mod 31.
   */
  private static boolean hasZlibHeader(byte[] data) {
    if (data.length < 2) {
      return false;
    }
    int cmf = data[0] & 0xff;
    int flg = data[1] & 0xff;
    return (cmf & 0x0f) == 8 && (cmf * 256 + flg) % 31 == 0;
  }

  /** A header value for a reason string: short, printable ASCII only. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 40; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }
}
