package dev.agentgate.proxy.identity;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.20.0.0/16}, {@code fd00::/8}); a bare address
 * is a single-host network. An IPv4-mapped IPv6 client address ({@code ::ffff:10.0.0.1}) matches
 * IPv4 networks.
 */
public final class Cidr {

  private final byte[] network;
  private final int prefix;
  private final String text;

  private Cidr(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /**
   * Parses {@code address/prefix} or a bare address.
   *
   * @throws IllegalArgumentException with a one-line message when the text is not a network
   */
  public static Cidr parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    int slash = trimmed.indexOf('/');
    String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
    // A literal parser, never InetAddress.getByName: a name must not trigger a DNS query.
    byte[] address = NetUtil.createByteArrayFromIpAddressString(addressText);
    if (address == null) {
      throw invalid(text);
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(trimmed.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw invalid(text);
      }
      if (prefix < 0 || prefix > bits) {
        throw invalid(text);
      }
    }
    byte[] network = mask(address, prefix);
    return new Cidr(network, prefix, trimmed);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        text + " (expected: an IPv4 or IPv6 network such as 10.20.0.0/16 or fd00::/8)");
  }

  /** True when {@code address} lies in this network. */
  public boolean contains(InetAddress address) {
    byte[] bytes = unmapped(address.getAddress());
    return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
  }

  /** True for {@code 0.0.0.0/0} and {@code ::/0}: every address of its family. */
  public boolean isEverything() {
    return prefix == 0;
  }

  private static byte[] unmapped(byte[] bytes) {
    if (bytes.length != 16) {
      return bytes;
    }
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return bytes;
      }
    }
    if (bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
      return bytes;
    }
    return Arrays.copyOfRange(bytes, 12, 16);
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] &= (byte) (0xff << (8 - keep));
    }
    return out;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr other
        && prefix == other.prefix
        && Arrays.equals(network, other.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefix;
  }
}
