package dev.agentgate.proxy.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A growable byte buffer for building fingerprint strings: they are pure ASCII, so building bytes
 * directly feeds the digests without an encoding step and makes a compact (Latin-1) String. The
 * list writers reserve room once and then write through locals: this is the hot part of JA3/JA4.
 */
final class AsciiBuffer {
  /** Two lower-case hex characters for each byte value: {@code PAIRS[2b], PAIRS[2b+1]}. */
  private static final byte[] PAIRS = new byte[512];

  static {
    for (int b = 0; b < 256; b++) {
      PAIRS[2 * b] = Hex.DIGITS[b >>> 4];
      PAIRS[2 * b + 1] = Hex.DIGITS[b & 0xf];
    }
  }

  private byte[] bytes;
  private int length;

  AsciiBuffer(int capacity) {
    bytes = new byte[Math.max(capacity, 16)];
  }

  int length() {
    return length;
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
    length = putHex4(bytes, length, v);
    return this;
  }

  /** Hex digits of the first {@code count} bytes of {@code data}. */
  AsciiBuffer hexBytes(byte[] data, int count) {
    ensure(2 * count);
    byte[] b = bytes;
    int n = length;
    for (int i = 0; i < count; i++) {
      int v = data[i] & 0xff;
      b[n++] = PAIRS[2 * v];
      b[n++] = PAIRS[2 * v + 1];
    }
    length = n;
    return this;
  }

  /** A non-negative decimal number below 100000 (JA3 fields are 0..65535). */
  AsciiBuffer dec(int v) {
    int digits = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : 5;
    ensure(digits);
    byte[] b = bytes;
    for (int i = length + digits - 1; i >= length; i--) {
      b[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    length += digits;
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

  /** Appends the first {@code count} values as comma-separated four-digit hex codes. */
  AsciiBuffer hexList(int[] values, int count) {
    ensure(count * 5);
    byte[] b = bytes;
    int n = length;
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        b[n++] = ',';
      }
      n = putHex4(b, n, values[i]);
    }
    length = n;
    return this;
  }

  /** Appends the values that are not GREASE as comma-separated four-digit hex codes. */
  AsciiBuffer hexListWithoutGrease(int[] values) {
    ensure(values.length * 5);
    byte[] b = bytes;
    int n = length;
    int start = n;
    for (int v : values) {
      if (!Grease.is(v)) {
        if (n > start) {
          b[n++] = ',';
        }
        n = putHex4(b, n, v);
      }
    }
    length = n;
    return this;
  }

  void digestInto(MessageDigest digest) {
    digest.update(bytes, 0, length);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }

  private static int putHex4(byte[] b, int n, int v) {
    int hi = (v >>> 8) & 0xff;
    int lo = v & 0xff;
    b[n] = PAIRS[2 * hi];
    b[n + 1] = PAIRS[2 * hi + 1];
    b[n + 2] = PAIRS[2 * lo];
    b[n + 3] = PAIRS[2 * lo + 1];
    return n + 4;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
