package dev.agentgate.proxy.upstream;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Arrays;

/** An IPv4 or IPv6 prefix such as {@code 10.0.0.0/8} or {@code fd00::/8}. Immutable. */
public final class CidrRange {
  private final byte[] network;
  private final int prefixLength;
  private final String text;

  private CidrRange(byte[] network, int prefixLength, String text) {
    this.network = network;
    this.prefixLength = prefixLength;
    this.text = text;
  }

  /**
   * Parses {@code address/prefix}; a bare address means a single host (/32 or /128).
   *
   * @throws IllegalArgumentException with a short reason when the text is not a CIDR range
   */
  public static CidrRange parse(String text) {
    String s = text.strip();
    int slash = s.indexOf('/');
    String addressText = slash < 0 ? s : s.substring(0, slash);
    byte[] address = NetUtil.createByteArrayFromIpAddressString(addressText);
    if (address == null) {
      throw new IllegalArgumentException("not an IP address: " + addressText);
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("prefix length is not a number");
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("prefix length must be 0.." + bits);
      }
    }
    return new CidrRange(mask(address, prefix), prefix, s);
  }

  /** True when {@code address} is of the same family and inside this range. */
  public boolean contains(InetAddress address) {
    return contains(address.getAddress());
  }

  /** True when the raw address bytes (4 or 16) are of the same family and inside this range. */
  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int fullBytes = prefixLength / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int m = (0xFF << (8 - rest)) & 0xFF;
    return (address[fullBytes] & m) == (network[fullBytes] & 0xFF);
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = Arrays.copyOf(address, address.length);
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & ((0xFF << (8 - keep)) & 0xFF));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CidrRange other
        && prefixLength == other.prefixLength
        && Arrays.equals(network, other.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  @Override
  public String toString() {
    return text;
  }
}
