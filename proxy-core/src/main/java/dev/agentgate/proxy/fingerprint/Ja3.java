package dev.agentgate.proxy.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * JA3 (Salesforce, BSD-3-Clause): {@code version,ciphers,extensions,groups,point_formats} in
 * decimal, {@code -} inside a field, wire order, GREASE removed from ciphers, extensions and
 * groups, empty fields left empty; the fingerprint is the lower-case MD5 of that string.
 */
public final class Ja3 {
  private Ja3() {}

  /** The JA3 string before hashing. */
  public static String full(ClientHello hello) {
    return build(hello).toString();
  }

  /** The JA3 fingerprint: 32 lower-case hex digits. */
  public static String md5(ClientHello hello) {
    MessageDigest md5 = Digests.md5();
    build(hello).digestInto(md5);
    return new AsciiBuffer(32).hexBytes(md5.digest(), 16).toString();
  }

  /** MD5 of an already built JA3 string (for checking published string / hash pairs). */
  public static String md5(String full) {
    byte[] digest = Digests.md5().digest(full.getBytes(StandardCharsets.ISO_8859_1));
    return new AsciiBuffer(32).hexBytes(digest, 16).toString();
  }

  private static AsciiBuffer build(ClientHello h) {
    // At most six characters per 16-bit value and four per point format: the buffer never grows.
    AsciiBuffer b =
        new AsciiBuffer(
            10
                + 6
                    * (h.ciphersView().length
                        + h.extensionsView().length
                        + h.supportedGroupsView().length)
                + 4 * h.pointFormatsView().length);
    b.dec(h.legacyVersion()).ch(',');
    decimals(b, h.ciphersView(), true).ch(',');
    decimals(b, h.extensionsView(), true).ch(',');
    decimals(b, h.supportedGroupsView(), true).ch(',');
    return decimals(b, h.pointFormatsView(), false);
  }

  private static AsciiBuffer decimals(AsciiBuffer b, int[] values, boolean dropGrease) {
    int start = b.length();
    for (int v : values) {
      if (dropGrease && Grease.is(v)) {
        continue;
      }
      if (b.length() > start) {
        b.ch('-');
      }
      b.dec(v);
    }
    return b;
  }
}
