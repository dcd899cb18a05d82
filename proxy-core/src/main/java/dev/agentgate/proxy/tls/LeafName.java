package dev.agentgate.proxy.tls;

import io.netty.util.NetUtil;
import java.net.IDN;
import java.util.Locale;

/**
 * The name a minted leaf is for: a DNS host name (lower case, A-labels, no trailing dot) or an IP
 * literal in canonical form. Equal names share one cached certificate.
 *
 * @param value the canonical name, also the certificate's common name
 * @param ipLiteral whether the SAN is an iPAddress rather than a dNSName
 */
public record LeafName(String value, boolean ipLiteral) {

  private static final int MAX_NAME = 253;
  private static final int MAX_LABEL = 63;

  /** Parses a host from a CONNECT line or an SNI; a name that cannot be certified is refused. */
  public static LeafName parse(String host) {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("empty host name");
    }
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    byte[] address = NetUtil.createByteArrayFromIpAddressString(bare);
    if (address != null) {
      return new LeafName(NetUtil.bytesToIpAddress(address), true);
    }
    String name = bare.endsWith(".") ? bare.substring(0, bare.length() - 1) : bare;
    try {
      name = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a host name: " + printable(host), e);
    }
    if (name.isEmpty() || name.length() > MAX_NAME || !validLabels(name)) {
      throw new IllegalArgumentException("not a host name: " + printable(host));
    }
    return new LeafName(name, false);
  }

  /** The address bytes of an IP literal (4 or 16). */
  byte[] address() {
    if (!ipLiteral) {
      throw new IllegalStateException(value + " is not an IP literal");
    }
    return NetUtil.createByteArrayFromIpAddressString(value);
  }

  /** LDH labels (plus '_', which real service names use) of 1 to 63 characters. */
  private static boolean validLabels(String name) {
    for (String label : name.split("\\.", -1)) {
      if (label.isEmpty()
          || label.length() > MAX_LABEL
          || label.startsWith("-")
          || label.endsWith("-")
          || !label.chars().allMatch(LeafName::labelChar)) {
        return false;
      }
    }
    return true;
  }

  private static boolean labelChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }

  private static String printable(String host) {
    String cut = host.length() > 80 ? host.substring(0, 80) + "..." : host;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
