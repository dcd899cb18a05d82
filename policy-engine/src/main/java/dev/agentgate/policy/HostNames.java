package dev.agentgate.policy;

/** Small, allocation-free checks on host strings. */
public final class HostNames {
  private HostNames() {}

  /** True for a dotted-quad IPv4 literal or anything containing ':' (IPv6, possibly bracketed). */
  public static boolean isIpLiteral(String host) {
    if (host.isEmpty()) {
      return false;
    }
    if (host.indexOf(':') >= 0 || host.charAt(0) == '[') {
      return true;
    }
    int dots = 0;
    int digits = 0;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '.') {
        if (digits == 0) {
          return false;
        }
        dots++;
        digits = 0;
      } else if (c >= '0' && c <= '9') {
        if (++digits > 3) {
          return false;
        }
      } else {
        return false;
      }
    }
    return dots == 3 && digits > 0;
  }
}
