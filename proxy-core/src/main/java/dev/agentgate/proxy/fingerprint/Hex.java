package dev.agentgate.proxy.fingerprint;

/** Lower-case hex formatting from a fixed table (no {@code String.format} on the hot path). */
final class Hex {
  static final byte[] DIGITS = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
  };

  private Hex() {}

  /** Four hex digits, as JA4 writes cipher, extension and signature algorithm codes. */
  static String u16(int value) {
    return new AsciiBuffer(4).hex4(value).toString();
  }

  /** {@code [0a0a, 1301, ...]}, for {@code toString}. */
  static String u16List(int[] values) {
    AsciiBuffer b = new AsciiBuffer(2 + values.length * 6).ch('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.ch(',').ch(' ');
      }
      b.hex4(values[i]);
    }
    return b.ch(']').toString();
  }
}
