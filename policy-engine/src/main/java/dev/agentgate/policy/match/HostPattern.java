package dev.agentgate.policy.match;

import dev.agentgate.policy.HostNames;
import java.util.Locale;

/**
 * A destination pattern: an exact host ("api.openai.com", an IP literal) or "*.suffix", which
 * matches every name below the suffix but not the suffix itself ("*.cursor.sh" matches
 * "api2.cursor.sh", not "cursor.sh").
 *
 * @param name the host, or the suffix without "*." for a wildcard
 * @param wildcard true for "*.suffix"
 */
public record HostPattern(String name, boolean wildcard) {

  static final String EXPECTED = "a host name, an IP address or *.suffix";

  /** Parses and validates one pattern. */
  public static HostPattern parse(String text) {
    String t = normalize(text.trim());
    boolean wildcard = t.startsWith("*.");
    String name = wildcard ? t.substring(2) : t;
    if (name.isEmpty() || name.indexOf('*') >= 0) {
      throw new InvalidPatternException(EXPECTED);
    }
    if (!wildcard && HostNames.isIpLiteral(name)) {
      if (IpAddress.parse(name) == null) {
        throw new InvalidPatternException(EXPECTED);
      }
      return new HostPattern(name, false);
    }
    if (!isDnsName(name)) {
      throw new InvalidPatternException(EXPECTED);
    }
    return new HostPattern(name, wildcard);
  }

  /**
   * The form hosts are compared in: lower case, no IPv6 brackets, no trailing dot. Returns the
   * argument itself when it is already normal (the common case, no allocation).
   */
  public static String normalize(String host) {
    String h = host;
    if (!h.isEmpty() && h.charAt(0) == '[' && h.charAt(h.length() - 1) == ']') {
      h = h.substring(1, h.length() - 1);
    }
    if (h.length() > 1 && h.charAt(h.length() - 1) == '.') {
      h = h.substring(0, h.length() - 1);
    }
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return h.toLowerCase(Locale.ROOT);
      }
    }
    return h;
  }

  /** True when {@code host} (already normalized) is matched by this pattern. */
  public boolean matches(String host) {
    if (!wildcard) {
      return host.equals(name);
    }
    int at = host.length() - name.length() - 1;
    return at > 0 && host.charAt(at) == '.' && host.endsWith(name);
  }

  @Override
  public String toString() {
    return wildcard ? "*." + name : name;
  }

  private static boolean isDnsName(String name) {
    if (name.length() > 253) {
      return false;
    }
    int labelLength = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '.') {
        if (labelLength == 0) {
          return false;
        }
        labelLength = 0;
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        if (++labelLength > 63) {
          return false;
        }
      } else {
        return false;
      }
    }
    return labelLength > 0;
  }
}
