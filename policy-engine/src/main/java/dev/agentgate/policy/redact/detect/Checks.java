package dev.agentgate.policy.redact.detect;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Structural checks that tell a real token from a look-alike. Pure functions. */
public final class Checks {
  private Checks() {}

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /**
   * GitHub's prefixed tokens ({@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_}, {@code
   * ghr_}): 4-char prefix, 30 random base62 chars, then the CRC32 of those 30 chars in base62,
   * left-padded with '0' to 6 chars.
   */
  public static boolean githubChecksumValid(String token) {
    if (token.length() != 40) {
      return false;
    }
    String random = token.substring(4, 34);
    return base62Crc32(random).equals(token.substring(34));
  }

  /** The 6-char base62 CRC32 of {@code s} as GitHub's token format appends it. */
  public static String base62Crc32(String s) {
    CRC32 crc = new CRC32();
    crc.update(s.getBytes(StandardCharsets.US_ASCII));
    long v = crc.getValue();
    char[] out = new char[6];
    for (int i = 5; i >= 0; i--) {
      out[i] = BASE62.charAt((int) (v % 62));
      v /= 62;
    }
    return new String(out);
  }

  /** Shannon entropy of the chars of {@code s}, in bits per char. */
  public static double entropy(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double n = s.length();
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = c / n;
        h -= p * Math.log(p);
      }
    }
    if (other > 0) {
      double p = other / n;
      h -= p * Math.log(p);
    }
    return h / Math.log(2);
  }

  /**
   * Whether a value found next to a key word looks like a generated secret rather than code or a
   * word: long enough, letters and digits mixed, no long runs, and enough entropy for its length.
   */
  public static boolean looksRandom(String v) {
    int n = v.length();
    if (n < 12) {
      return false;
    }
    boolean digit = false;
    boolean letter = false;
    int run = 1;
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      digit |= c >= '0' && c <= '9';
      letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      run = i > 0 && c == v.charAt(i - 1) ? run + 1 : 1;
      if (run >= 4) {
        return false;
      }
    }
    if (!digit || !letter || isDottedName(v)) {
      return false;
    }
    double need = n < 16 ? 3.0 : n < 32 ? 3.3 : 3.5;
    return entropy(v) >= need;
  }

  /**
   * {@code a.b.c} where every part is a name: a reference in code (x509Creds.popKey), not a secret.
   */
  static boolean isDottedName(String v) {
    if (v.indexOf('.') < 0) {
      return false;
    }
    for (String part : v.split("\\.", -1)) {
      if (part.length() < 2 || !Character.isLetter(part.charAt(0))) {
        return false;
      }
      for (int i = 1; i < part.length(); i++) {
        char c = part.charAt(i);
        if (!Character.isLetterOrDigit(c) && c != '_') {
          return false;
        }
      }
    }
    return true;
  }

  /** The JWT's first segment decodes (base64url) to a JSON object naming its {@code alg}. */
  public static boolean jwtHeaderValid(String jwt) {
    int dot = jwt.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    byte[] header;
    try {
      header = java.util.Base64.getUrlDecoder().decode(jwt.substring(0, dot));
    } catch (IllegalArgumentException e) {
      return false; // not base64url: not a JWT
    }
    return SmallJson.isObjectWithKey(new String(header, StandardCharsets.UTF_8), "alg");
  }
}
