package dev.agentgate.proxy.fingerprint;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test-side ClientHello writer: takes a real hello apart into fields and raw extensions, lets a
 * test change one thing, and writes it back in handshake or record form (any fragmentation).
 */
final class HelloBytes {
  record Ext(int type, byte[] data) {}

  int legacyVersion = 0x0303;
  byte[] random = new byte[32];
  byte[] sessionId = new byte[0];
  int[] ciphers = {0x1301};
  byte[] compression = {0};
  boolean extensionsBlock = true;
  List<Ext> extensions = new ArrayList<>();

  /** Decodes a well-formed handshake message (as the vectors hold) into editable parts. */
  static HelloBytes of(byte[] handshake) {
    HelloBytes h = new HelloBytes();
    int p = 4;
    h.legacyVersion = u16(handshake, p);
    p += 2;
    h.random = Arrays.copyOfRange(handshake, p, p + 32);
    p += 32;
    int sid = handshake[p++] & 0xff;
    h.sessionId = Arrays.copyOfRange(handshake, p, p + sid);
    p += sid;
    int cs = u16(handshake, p);
    p += 2;
    h.ciphers = new int[cs / 2];
    for (int i = 0; i < h.ciphers.length; i++) {
      h.ciphers[i] = u16(handshake, p + 2 * i);
    }
    p += cs;
    int cm = handshake[p++] & 0xff;
    h.compression = Arrays.copyOfRange(handshake, p, p + cm);
    p += cm;
    if (p == handshake.length) {
      h.extensionsBlock = false;
      return h;
    }
    p += 2;
    while (p < handshake.length) {
      int type = u16(handshake, p);
      int len = u16(handshake, p + 2);
      h.extensions.add(new Ext(type, Arrays.copyOfRange(handshake, p + 4, p + 4 + len)));
      p += 4 + len;
    }
    return h;
  }

  HelloBytes set(int type, byte[] data) {
    for (int i = 0; i < extensions.size(); i++) {
      if (extensions.get(i).type() == type) {
        extensions.set(i, new Ext(type, data));
        return this;
      }
    }
    extensions.add(new Ext(type, data));
    return this;
  }

  HelloBytes add(int type, byte[] data) {
    extensions.add(new Ext(type, data));
    return this;
  }

  HelloBytes remove(int type) {
    extensions.removeIf(e -> e.type() == type);
    return this;
  }

  byte[] body() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    u16(out, legacyVersion);
    out.writeBytes(random);
    out.write(sessionId.length);
    out.writeBytes(sessionId);
    u16(out, ciphers.length * 2);
    for (int c : ciphers) {
      u16(out, c);
    }
    out.write(compression.length);
    out.writeBytes(compression);
    if (extensionsBlock) {
      ByteArrayOutputStream ext = new ByteArrayOutputStream();
      for (Ext e : extensions) {
        u16(ext, e.type());
        u16(ext, e.data().length);
        ext.writeBytes(e.data());
      }
      u16(out, ext.size());
      out.writeBytes(ext.toByteArray());
    }
    return out.toByteArray();
  }

  byte[] handshake() {
    return handshake(body());
  }

  /** One record, or as many 2^14-byte records as the hello needs. */
  byte[] records() {
    return records(handshake(), ClientHelloParser.MAX_RECORD_LENGTH);
  }

  static byte[] handshake(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    out.write(body.length >>> 16);
    u16(out, body.length);
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** Cuts a handshake message into records whose fragments are at most {@code max} bytes. */
  static byte[] records(byte[] handshake, int max) {
    List<Integer> sizes = new ArrayList<>();
    for (int left = handshake.length; left > 0; left -= max) {
      sizes.add(Math.min(max, left));
    }
    return records(handshake, sizes.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Cuts a handshake message into records with these fragment sizes (summing to its length). */
  static byte[] records(byte[] handshake, int... fragmentSizes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int p = 0;
    for (int size : fragmentSizes) {
      out.write(0x16);
      u16(out, 0x0301);
      u16(out, size);
      out.write(handshake, p, size);
      p += size;
    }
    if (p != handshake.length) {
      throw new IllegalArgumentException("fragments cover " + p + " of " + handshake.length);
    }
    return out.toByteArray();
  }

  static byte[] u16List(int... values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    u16(out, values.length * 2);
    for (int v : values) {
      u16(out, v);
    }
    return out.toByteArray();
  }

  static byte[] sni(String name) {
    byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    u16(out, n.length + 3);
    out.write(0);
    u16(out, n.length);
    out.writeBytes(n);
    return out.toByteArray();
  }

  static byte[] alpn(byte[]... names) {
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    for (byte[] n : names) {
      list.write(n.length);
      list.writeBytes(n);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    u16(out, list.size());
    out.writeBytes(list.toByteArray());
    return out.toByteArray();
  }

  static int u16(byte[] b, int p) {
    return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
  }

  static void u16(ByteArrayOutputStream out, int v) {
    out.write(v >>> 8);
    out.write(v);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
