package dev.agentgate.proxy.fingerprint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations of real hellos for the fuzz test: bit flips, interesting bytes, truncation,
 * corruption of the real length fields (found by walking the well-formed seed), splicing two seeds,
 * inserting, deleting and duplicating ranges, and re-cutting a hello into random records.
 */
final class Mutator {
  private static final int[] INTERESTING_16 = {
    0, 1, 2, 3, 4, 0x7f, 0x80, 0xff, 0x100, 0x3fff, 0x4000, 0x4001, 0x7fff, 0x8000, 0xfffe, 0xffff
  };

  private final SplittableRandom random;
  private final List<byte[]> handshakes;

  Mutator(long seed, List<byte[]> handshakes) {
    this.random = new SplittableRandom(seed);
    this.handshakes = handshakes;
  }

  /** A mutated input and the form its seed was written in. */
  record Input(byte[] bytes, boolean records) {}

  /** A fresh input: a seed in record or handshake form with one to four mutations. */
  Input next() {
    byte[] handshake = pick();
    boolean records = random.nextInt(3) != 0;
    byte[] input = records ? randomRecords(handshake) : handshake.clone();
    int mutations = 1 + random.nextInt(4);
    for (int i = 0; i < mutations; i++) {
      input = mutate(input, handshake);
    }
    return new Input(input, records);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  private byte[] mutate(byte[] in, byte[] seed) {
    if (in.length == 0) {
      return new byte[] {(byte) random.nextInt(256)};
    }
    switch (random.nextInt(9)) {
      case 0: // flip one to eight bits
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
          in[random.nextInt(in.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return in;
      case 1: // an interesting byte
        in[random.nextInt(in.length)] =
            (byte) new int[] {0, 1, 0x7f, 0x80, 0xff, 0x16, 0x03}[random.nextInt(7)];
        return in;
      case 2: // truncate
        return Arrays.copyOf(in, random.nextInt(in.length));
      case 3: // corrupt a real length field of the seed (located in this input if the layout
        // matches)
        return corruptLength(in, seed);
      case 4: // splice: head of this input, tail of another seed
        byte[] other = pick();
        int head = random.nextInt(in.length + 1);
        int tailFrom = random.nextInt(other.length + 1);
        byte[] out = Arrays.copyOf(in, head + other.length - tailFrom);
        System.arraycopy(other, tailFrom, out, head, other.length - tailFrom);
        return out;
      case 5: // insert random bytes
        int at = random.nextInt(in.length + 1);
        int n = 1 + random.nextInt(16);
        byte[] grown = new byte[in.length + n];
        System.arraycopy(in, 0, grown, 0, at);
        for (int i = 0; i < n; i++) {
          grown[at + i] = (byte) random.nextInt(256);
        }
        System.arraycopy(in, at, grown, at + n, in.length - at);
        return grown;
      case 6: // delete a range
        int from = random.nextInt(in.length);
        int len = 1 + random.nextInt(Math.min(32, in.length - from));
        byte[] shrunk = new byte[in.length - len];
        System.arraycopy(in, 0, shrunk, 0, from);
        System.arraycopy(in, from + len, shrunk, from, in.length - from - len);
        return shrunk;
      case 7: // duplicate a range in place after itself
        int start = random.nextInt(in.length);
        int count = 1 + random.nextInt(Math.min(64, in.length - start));
        byte[] dup = new byte[in.length + count];
        System.arraycopy(in, 0, dup, 0, start + count);
        System.arraycopy(in, start, dup, start + count, in.length - start);
        return dup;
      default: // a 16-bit boundary value anywhere
        int p = random.nextInt(in.length);
        int v = INTERESTING_16[random.nextInt(INTERESTING_16.length)];
        in[p] = (byte) (v >>> 8);
        if (p + 1 < in.length) {
          in[p + 1] = (byte) v;
        }
        return in;
    }
  }

  private byte[] corruptLength(byte[] in, byte[] seed) {
    List<int[]> fields = lengthFields(seed);
    int shift = in.length >= seed.length && in[0] == 0x16 ? 5 : 0; // one record header in front
    int[] f = fields.get(random.nextInt(fields.size()));
    int pos = f[0] + shift;
    int width = f[1];
    if (pos + width > in.length) {
      return in;
    }
    long value = 0;
    for (int i = 0; i < width; i++) {
      value = (value << 8) | (in[pos + i] & 0xff);
    }
    long max = (1L << (8 * width)) - 1;
    long[] choices = {
      0,
      1,
      value - 1,
      value + 1,
      value - 2,
      value + 2,
      max,
      max / 2,
      value * 2,
      random.nextLong(max + 1)
    };
    long corrupted = choices[random.nextInt(choices.length)] & max;
    for (int i = width - 1; i >= 0; i--) {
      in[pos + i] = (byte) corrupted;
      corrupted >>>= 8;
    }
    return in;
  }

  /** Offsets and widths of the length fields of a well-formed handshake message. */
  static List<int[]> lengthFields(byte[] h) {
    List<int[]> out = new ArrayList<>();
    out.add(new int[] {1, 3});
    int p = 4 + 2 + 32;
    out.add(new int[] {p, 1});
    p += 1 + (h[p] & 0xff);
    out.add(new int[] {p, 2});
    p += 2 + HelloBytes.u16(h, p);
    out.add(new int[] {p, 1});
    p += 1 + (h[p] & 0xff);
    if (p >= h.length) {
      return out;
    }
    out.add(new int[] {p, 2});
    for (p += 2; p + 4 <= h.length; ) {
      int type = HelloBytes.u16(h, p);
      int len = HelloBytes.u16(h, p + 2);
      out.add(new int[] {p + 2, 2});
      if (len >= 2 && (type == 0x0000 || type == 0x000a || type == 0x000d || type == 0x0010)) {
        out.add(new int[] {p + 4, 2}); // the list length inside
      } else if (len >= 1 && (type == 0x000b || type == 0x002b)) {
        out.add(new int[] {p + 4, 1});
      }
      p += 4 + len;
    }
    return out;
  }

  private byte[] randomRecords(byte[] handshake) {
    if (random.nextInt(4) != 0) {
      return HelloBytes.records(handshake, ClientHelloParser.MAX_RECORD_LENGTH);
    }
    List<Integer> sizes = new ArrayList<>();
    for (int left = handshake.length; left > 0; ) {
      int size = Math.min(left, 1 + random.nextInt(random.nextBoolean() ? 8 : 2048));
      sizes.add(size);
      left -= size;
    }
    return HelloBytes.records(handshake, sizes.stream().mapToInt(Integer::intValue).toArray());
  }

  private byte[] pick() {
    return handshakes.get(random.nextInt(handshakes.size()));
  }
}
