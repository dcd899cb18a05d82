package dev.agentgate.policy.match;

/**
 * Parses IPv4 and IPv6 literals to bytes without name resolution (never calls DNS, unlike {@code
 * InetAddress.getByName}). IPv4-mapped IPv6 addresses ("::ffff:10.0.0.1") become 4 bytes so that
 * IPv4 CIDRs match clients of a dual-stack listener.
 */
public final class IpAddress {
  private IpAddress() {}

  /** 4 or 16 bytes, or {@code null} when {@code text} is not an IP literal. */
  public static byte[] parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (text.indexOf(':') < 0) {
      return parseV4(text, 0, text.length());
    }
    int zone = text.indexOf('%');
    byte[] v6 = parseV6(zone < 0 ? text : text.substring(0, zone));
    return v6 == null ? null : unmapV4(v6);
  }

  /**
   * A client socket address as the proxy reports it: "10.0.0.1", "10.0.0.1:51234", "::1" or
   * "[::1]:51234". Returns {@code null} for anything else.
   */
  public static byte[] parseClient(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (text.charAt(0) == '[') {
      int close = text.indexOf(']');
      return close < 0 ? null : parse(text.substring(1, close));
    }
    int colon = text.indexOf(':');
    if (colon >= 0 && colon == text.lastIndexOf(':')) {
      return parseV4(text, 0, colon);
    }
    return parse(text);
  }

  /**
   * A plain IPv4 client address ("10.0.0.1" or "10.0.0.1:51234") as an unsigned 32-bit value, or -1
   * for anything else (IPv6 included), without allocating.
   */
  public static long parseClientV4(String text) {
    if (text == null || text.isEmpty()) {
      return -1;
    }
    long value = 0;
    int part = 0;
    int octet = -1;
    for (int i = 0; i <= text.length(); i++) {
      char c = i == text.length() ? ':' : text.charAt(i);
      if (c == '.' || c == ':') {
        if (octet < 0 || (c == '.' && part == 3)) {
          return -1;
        }
        value = value << 8 | octet;
        octet = -1;
        if (++part == 4) {
          return c == ':' ? value : -1;
        }
      } else if (c >= '0' && c <= '9') {
        octet = octet < 0 ? c - '0' : octet * 10 + (c - '0');
        if (octet > 255) {
          return -1;
        }
      } else {
        return -1;
      }
    }
    return -1;
  }

  private static byte[] parseV4(String s, int from, int to) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = from; i <= to; i++) {
      char c = i == to ? '.' : s.charAt(i);
      if (c == '.') {
        if (value < 0 || part > 3) {
          return null;
        }
        out[part++] = (byte) value;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = value < 0 ? c - '0' : value * 10 + (c - '0');
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  private static byte[] parseV6(String s) {
    byte[] out = new byte[16];
    int gap = -1;
    int at = 0;
    int i = 0;
    if (s.startsWith("::")) {
      gap = 0;
      i = 2;
    }
    while (i < s.length()) {
      int end = i;
      while (end < s.length() && s.charAt(end) != ':') {
        end++;
      }
      String group = s.substring(i, end);
      if (group.indexOf('.') >= 0) {
        byte[] v4 = end == s.length() && at <= 12 ? parseV4(group, 0, group.length()) : null;
        if (v4 == null) {
          return null;
        }
        System.arraycopy(v4, 0, out, at, 4);
        at += 4;
        break;
      }
      if (group.isEmpty() || group.length() > 4 || at > 14) {
        return null;
      }
      int value = 0;
      for (int k = 0; k < group.length(); k++) {
        int d = Character.digit(group.charAt(k), 16);
        if (d < 0) {
          return null;
        }
        value = value * 16 + d;
      }
      out[at++] = (byte) (value >> 8);
      out[at++] = (byte) value;
      if (end == s.length()) {
        break;
      }
      if (end + 1 < s.length() && s.charAt(end + 1) == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = at;
        i = end + 2;
      } else if (end + 1 == s.length()) {
        return null;
      } else {
        i = end + 1;
      }
    }
    if (gap < 0) {
      return at == 16 ? out : null;
    }
    if (at == 16) {
      return null;
    }
    int tail = at - gap;
    System.arraycopy(out, gap, out, 16 - tail, tail);
    for (int k = gap; k < 16 - tail; k++) {
      out[k] = 0;
    }
    return out;
  }

  private static byte[] unmapV4(byte[] v6) {
    for (int i = 0; i < 10; i++) {
      if (v6[i] != 0) {
        return v6;
      }
    }
    if (v6[10] != (byte) 0xff || v6[11] != (byte) 0xff) {
      return v6;
    }
    return new byte[] {v6[12], v6[13], v6[14], v6[15]};
  }
}
