package dev.agentgate.proxy.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A growable byte buffer for building fingerprint strings: they are pure ASCII, so building bytes
 * directly feeds the digests without an encoding step and makes a compact (Latin-1) String.
 */
final class AsciiBuffer {
  private byte[] bytes;
  private int length;

  AsciiBuffer(int capacity) {
    bytes = new byte[Math.max(capacity, 16)];
  }

  int length() {
    return length;
  }

  byte byteAt(int index) {
    return bytes[index];
  }

  AsciiBuffer clear() {
    length = 0;
    return this;
  }

  AsciiBuffer ch(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** Exactly four lower-case hex digits of the low 16 bits. */
  AsciiBuffer hex4(int v) {
    ensure(4);
    bytes[length] = Hex.DIGITS[(v >>> 12) & 0xf];
    bytes[length + 1] = Hex.DIGITS[(v >>> 8) & 0xf];
    bytes[length + 2] = Hex.DIGITS[(v >>> 4) & 0xf];
    bytes[length + 3] = Hex.DIGITS[v & 0xf];
    length += 4;
    return this;
  }

  /** Hex digits of the first {@code count} bytes of {@code data}. */
  AsciiBuffer hexBytes(byte[] data, int count) {
    ensure(2 * count);
    for (int i = 0; i < count; i++) {
      bytes[length++] = Hex.DIGITS[(data[i] >>> 4) & 0xf];
      bytes[length++] = Hex.DIGITS[data[i] & 0xf];
    }
    return this;
  }

  /** A non-negative decimal number (JA3 fields are 0..65535). */
  AsciiBuffer dec(int v) {
    if (v < 10) {
      return ch((char) ('0' + v));
    }
    int digits = 0;
    for (int t = v; t > 0; t /= 10) {
      digits++;
    }
    ensure(digits);
    int end = length + digits;
    for (int i = end - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    length = end;
    return this;
  }

  /** Two decimal digits, 00..99. */
  AsciiBuffer dec2(int v) {
    ensure(2);
    bytes[length++] = (byte) ('0' + v / 10);
    bytes[length++] = (byte) ('0' + v % 10);
    return this;
  }

  AsciiBuffer append(AsciiBuffer other) {
    ensure(other.length);
    System.arraycopy(other.bytes, 0, bytes, length, other.length);
    length += other.length;
    return this;
  }

  /** Appends {@code values} as comma-separated four-digit hex codes. */
  AsciiBuffer hexList(int[] values, int count) {
    ensure(count * 5);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        bytes[length++] = ',';
      }
      hex4(values[i]);
    }
    return this;
  }

  /** Appends the values that are not GREASE as comma-separated four-digit hex codes. */
  AsciiBuffer hexListWithoutGrease(int[] values) {
    ensure(values.length * 5);
    boolean first = true;
    for (int v : values) {
      if (!Grease.is(v)) {
        if (!first) {
          bytes[length++] = ',';
        }
        hex4(v);
        first = false;
      }
    }
    return this;
  }

  void digestInto(MessageDigest digest) {
    digest.update(bytes, 0, length);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
