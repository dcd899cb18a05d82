package dev.agentgate.policy.redact.body;

import java.util.Arrays;

/**
 * A JSON string token read straight from the body's UTF-8 bytes, keeping for every decoded char the
 * byte offset where its source (a byte sequence or an escape) starts. With that map a replacement
 * of decoded chars becomes a replacement of exactly the bytes that spelled them, so escapes
 * elsewhere in the string stay as the client wrote them.
 */
final class JsonStringToken {

  private final String text;
  private final int[] offsets;

  private JsonStringToken(String text, int[] offsets) {
    this.text = text;
    this.offsets = offsets;
  }

  /** The decoded value. */
  String text() {
    return text;
  }

  /**
   * Byte offset where decoded char {@code i} starts; {@code i == length} gives the closing quote.
   */
  int offset(int i) {
    return offsets[i];
  }

  /** Byte offset of the closing quote. */
  int closingQuote() {
    return offsets[text.length()];
  }

  /**
   * Decodes the string token whose opening quote is at {@code quote}.
   *
   * @throws UninspectableException on malformed UTF-8, a bad escape, a raw control char or a
   *     missing closing quote
   */
  static JsonStringToken read(byte[] buf, int quote) throws UninspectableException {
    if (quote < 0 || quote >= buf.length || buf[quote] != '"') {
      throw bad();
    }
    char[] chars = new char[64];
    int[] offs = new int[65];
    int n = 0;
    int i = quote + 1;
    while (true) {
      if (i >= buf.length) {
        throw bad();
      }
      if (n + 2 >= chars.length) {
        chars = Arrays.copyOf(chars, chars.length * 2);
        offs = Arrays.copyOf(offs, chars.length + 1);
      }
      int b = buf[i] & 0xff;
      int start = i;
      if (b == '"') {
        offs[n] = i;
        return new JsonStringToken(new String(chars, 0, n), offs);
      } else if (b == '\\') {
        if (i + 1 >= buf.length) {
          throw bad();
        }
        int e = buf[i + 1];
        i += 2;
        char c;
        switch (e) {
          case '"' -> c = '"';
          case '\\' -> c = '\\';
          case '/' -> c = '/';
          case 'b' -> c = '\b';
          case 'f' -> c = '\f';
          case 'n' -> c = '\n';
          case 'r' -> c = '\r';
          case 't' -> c = '\t';
          case 'u' -> {
            c = (char) hex4(buf, i);
            i += 4;
          }
          default -> throw bad();
        }
        offs[n] = start;
        chars[n++] = c;
      } else if (b < 0x20) {
        throw bad();
      } else if (b < 0x80) {
        offs[n] = start;
        chars[n++] = (char) b;
        i++;
      } else {
        int cp;
        int len;
        if (b >= 0xc2 && b <= 0xdf) {
          cp = b & 0x1f;
          len = 2;
        } else if (b >= 0xe0 && b <= 0xef) {
          cp = b & 0x0f;
          len = 3;
        } else if (b >= 0xf0 && b <= 0xf4) {
          cp = b & 0x07;
          len = 4;
        } else {
          throw bad();
        }
        if (i + len > buf.length) {
          throw bad();
        }
        for (int k = 1; k < len; k++) {
          int cb = buf[i + k] & 0xff;
          if ((cb & 0xc0) != 0x80) {
            throw bad();
          }
          cp = (cp << 6) | (cb & 0x3f);
        }
        // Reject overlong forms, UTF-16 surrogates encoded as UTF-8, and values past U+10FFFF.
        if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)))
            || (len == 4 && (cp < 0x10000 || cp > 0x10ffff))) {
          throw bad();
        }
        i += len;
        if (cp < 0x10000) {
          offs[n] = start;
          chars[n++] = (char) cp;
        } else {
          offs[n] = start;
          chars[n++] = Character.highSurrogate(cp);
          offs[n] = start;
          chars[n++] = Character.lowSurrogate(cp);
        }
      }
    }
  }

  private static int hex4(byte[] buf, int at) throws UninspectableException {
    if (at + 4 > buf.length) {
      throw bad();
    }
    int v = 0;
    for (int k = 0; k < 4; k++) {
      int d = Character.digit(buf[at + k], 16);
      if (d < 0) {
        throw bad();
      }
      v = (v << 4) | d;
    }
    return v;
  }

  private static UninspectableException bad() {
    return new UninspectableException("body is not valid JSON (bad string)");
  }
}
