package dev.agentgate.proxy.fingerprint;

/** GREASE values (RFC 8701): 0x0a0a, 0x1a1a, ... 0xfafa, which clients add at random. */
final class Grease {
  private Grease() {}

  static boolean is(int value) {
    return (value & 0x0f0f) == 0x0a0a && (value >>> 8) == (value & 0xff);
  }
}
