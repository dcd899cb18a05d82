package dev.agentgate.proxy.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * JA4 (FoxIO, BSD-3-Clause; TLS client fingerprint only) in its four forms. {@code a_b_c}: a is
 * transport, version, SNI, cipher and extension counts and the ALPN code; b is the cipher list; c
 * the extension list and then the signature algorithms. {@code ja4} sorts and hashes, {@code _r}
 * sorts and keeps the lists, {@code _o} keeps wire order (and SNI and ALPN) and hashes, {@code _ro}
 * keeps wire order and the lists. Where the reference code and the JA4 specification disagree
 * (one-character and non-alphanumeric ALPN values, {@code signature_algorithms_cert}), this follows
 * the specification.
 */
public final class Ja4 {
  private static final String EMPTY_HASH = "000000000000";
  private static final int HASH_BYTES = 6; // 12 hex characters

  private Ja4() {}

  /** The JA4 fingerprint, e.g. {@code t13d1516h2_8daaf6152771_e5627efa2ab1}. */
  public static String ja4(ClientHello hello) {
    return render(hello, true, true);
  }

  /** JA4_r: sorted lists, not hashed. */
  public static String ja4r(ClientHello hello) {
    return render(hello, true, false);
  }

  /** JA4_o: wire order (SNI and ALPN kept), hashed. */
  public static String ja4o(ClientHello hello) {
    return render(hello, false, true);
  }

  /** JA4_ro: wire order (SNI and ALPN kept), not hashed. */
  public static String ja4ro(ClientHello hello) {
    return render(hello, false, false);
  }

  /**
   * Hashes a raw form into its fingerprint: {@code ja4_r} to {@code ja4}, {@code ja4_ro} to {@code
   * ja4_o}. The raw form is {@code a_ciphers_extensions[_signatureAlgorithms]}.
   */
  public static String hashRaw(String raw) {
    int first = raw.indexOf('_');
    int second = first < 0 ? -1 : raw.indexOf('_', first + 1);
    if (second < 0) {
      throw new IllegalArgumentException("not a raw JA4 (a_b_c): " + raw);
    }
    return raw.substring(0, first)
        + '_'
        + hash12(raw.substring(first + 1, second))
        + '_'
        + hash12(raw.substring(second + 1));
  }

  /** The first 12 hex digits of the SHA-256 of a list; {@code 000000000000} for an empty one. */
  public static String hash12(String list) {
    if (list.isEmpty()) {
      return EMPTY_HASH;
    }
    byte[] digest = Digests.sha256().digest(list.getBytes(StandardCharsets.ISO_8859_1));
    return new AsciiBuffer(12).hexBytes(digest, HASH_BYTES).toString();
  }

  /**
   * The two ALPN characters of JA4 for the first ALPN value (null or empty: {@code 00}). Its first
   * and last characters when both are ASCII letters or digits (so a one-character value is
   * doubled); otherwise the first and last hex digits of the whole value.
   */
  public static String alpnCode(byte[] firstValue) {
    String value = firstValue == null ? null : new String(firstValue, StandardCharsets.ISO_8859_1);
    return alpn(new AsciiBuffer(2), value).toString();
  }

  private static String render(ClientHello h, boolean sorted, boolean hashed) {
    int[] ciphers = h.ciphersView();
    int[] extensions = h.extensionsView();
    int[] signatureAlgorithms = h.signatureAlgorithmsView();
    // Sized once: five characters per listed value, so neither buffer grows.
    AsciiBuffer list =
        new AsciiBuffer(
            5 * Math.max(ciphers.length, extensions.length + signatureAlgorithms.length));
    AsciiBuffer out =
        new AsciiBuffer(
            hashed
                ? 36
                : 12 + 5 * (ciphers.length + extensions.length + signatureAlgorithms.length));
    prefix(out, h).ch('_');
    MessageDigest sha256 = hashed ? Digests.sha256() : null;
    part(out, cipherList(list, ciphers, sorted), sha256).ch('_');
    part(out, extensionList(list.clear(), extensions, signatureAlgorithms, sorted), sha256);
    return out.toString();
  }

  private static AsciiBuffer part(AsciiBuffer out, AsciiBuffer list, MessageDigest sha256) {
    if (sha256 == null) {
      return out.append(list);
    }
    if (list.length() == 0) {
      return appendAscii(out, EMPTY_HASH);
    }
    list.digestInto(sha256);
    return out.hexBytes(sha256.digest(), HASH_BYTES);
  }

  private static AsciiBuffer prefix(AsciiBuffer out, ClientHello h) {
    out.ch(h.quic() ? 'q' : 't');
    appendAscii(out, version(h.maxVersion()));
    out.ch(h.hasExtension(ClientHello.EXT_SERVER_NAME) ? 'd' : 'i');
    out.dec2(Math.min(99, countNonGrease(h.ciphersView())));
    out.dec2(Math.min(99, countNonGrease(h.extensionsView())));
    return alpn(out, h.alpn().isEmpty() ? null : h.alpn().get(0));
  }

  static String version(int v) {
    return switch (v) {
      case 0x0304 -> "13";
      case 0x0303 -> "12";
      case 0x0302 -> "11";
      case 0x0301 -> "10";
      case 0x0300 -> "s3";
      case 0x0002 -> "s2";
      case 0xfeff -> "d1";
      case 0xfefd -> "d2";
      case 0xfefc -> "d3";
      default -> "00";
    };
  }

  /** {@code value} holds one char per byte (ISO-8859-1), as {@link ClientHello#alpn()} does. */
  private static AsciiBuffer alpn(AsciiBuffer out, String value) {
    if (value == null || value.isEmpty()) {
      return out.ch('0').ch('0');
    }
    char first = value.charAt(0);
    char last = value.charAt(value.length() - 1);
    if (alphanumeric(first) && alphanumeric(last)) {
      return out.ch(first).ch(last);
    }
    return out.ch((char) Hex.DIGITS[(first >>> 4) & 0xf]).ch((char) Hex.DIGITS[last & 0xf]);
  }

  private static boolean alphanumeric(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static AsciiBuffer cipherList(AsciiBuffer list, int[] ciphers, boolean sorted) {
    if (!sorted) {
      return list.hexListWithoutGrease(ciphers);
    }
    int[] kept = new int[ciphers.length];
    int n = 0;
    for (int c : ciphers) {
      if (!Grease.is(c)) {
        kept[n++] = c;
      }
    }
    Arrays.sort(kept, 0, n);
    return list.hexList(kept, n);
  }

  /** Extensions (sorted: without SNI and ALPN), then {@code _} and the signature algorithms. */
  private static AsciiBuffer extensionList(
      AsciiBuffer list, int[] extensions, int[] signatureAlgorithms, boolean sorted) {
    if (sorted) {
      int[] kept = new int[extensions.length];
      int n = 0;
      for (int e : extensions) {
        if (!Grease.is(e) && e != ClientHello.EXT_SERVER_NAME && e != ClientHello.EXT_ALPN) {
          kept[n++] = e;
        }
      }
      Arrays.sort(kept, 0, n);
      list.hexList(kept, n);
    } else {
      list.hexListWithoutGrease(extensions);
    }
    if (countNonGrease(signatureAlgorithms) > 0) {
      list.ch('_').hexListWithoutGrease(signatureAlgorithms);
    }
    return list;
  }

  private static int countNonGrease(int[] values) {
    int n = 0;
    for (int v : values) {
      if (!Grease.is(v)) {
        n++;
      }
    }
    return n;
  }

  private static AsciiBuffer appendAscii(AsciiBuffer out, String s) {
    for (int i = 0; i < s.length(); i++) {
      out.ch(s.charAt(i));
    }
    return out;
  }
}
