package dev.agentgate.policy.match;

import java.util.List;

/** A list of IPv4 and IPv6 networks ("10.0.0.0/8", "2001:db8::/32", or a single address). */
public final class CidrSet {
  static final String EXPECTED = "an IPv4 or IPv6 address or CIDR such as 10.0.0.0/8";

  private final byte[][] networks;
  private final int[] prefixes;
  private final int[] v4Networks;
  private final int[] v4Masks;
  private final List<String> texts;

  private CidrSet(byte[][] networks, int[] prefixes, List<String> texts) {
    this.networks = networks;
    this.prefixes = prefixes;
    this.texts = List.copyOf(texts);
    int v4 = 0;
    for (byte[] n : networks) {
      v4 += n.length == 4 ? 1 : 0;
    }
    this.v4Networks = new int[v4];
    this.v4Masks = new int[v4];
    for (int i = 0, k = 0; i < networks.length; i++) {
      if (networks[i].length == 4) {
        v4Masks[k] = prefixes[i] == 0 ? 0 : -1 << (32 - prefixes[i]);
        v4Networks[k++] = toInt(networks[i]) & v4Masks[k - 1];
      }
    }
  }

  /** Compiles every entry; throws {@link InvalidPatternException} on the first bad one. */
  public static CidrSet of(List<String> cidrs) {
    byte[][] nets = new byte[cidrs.size()][];
    int[] bits = new int[cidrs.size()];
    for (int i = 0; i < cidrs.size(); i++) {
      String text = cidrs.get(i).trim();
      int slash = text.indexOf('/');
      byte[] address = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
      if (address == null || text.indexOf('%') >= 0) {
        throw new InvalidPatternException(EXPECTED);
      }
      int max = address.length * 8;
      int prefix = slash < 0 ? max : parsePrefix(text.substring(slash + 1), max);
      nets[i] = mask(address, prefix);
      bits[i] = prefix;
    }
    return new CidrSet(nets, bits, cidrs);
  }

  /** Checks one entry, for validation that reports every bad entry. */
  public static void validate(String cidr) {
    of(List.of(cidr));
  }

  /** True when the client address (see {@link IpAddress#parseClient}) is in any network. */
  public boolean containsClient(String clientAddress) {
    long v4 = IpAddress.parseClientV4(clientAddress);
    if (v4 >= 0) {
      // The common case, without allocation: every request checks the policy's source rules.
      int a = (int) v4;
      for (int i = 0; i < v4Networks.length; i++) {
        if ((a & v4Masks[i]) == v4Networks[i]) {
          return true;
        }
      }
      return false;
    }
    byte[] address = IpAddress.parseClient(clientAddress);
    return address != null && contains(address);
  }

  private static int toInt(byte[] b) {
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }

  public boolean contains(byte[] address) {
    for (int i = 0; i < networks.length; i++) {
      if (networks[i].length == address.length && inNetwork(address, networks[i], prefixes[i])) {
        return true;
      }
    }
    return false;
  }

  /**
   * Index keys covering every network, or an empty list when some network cannot be keyed (IPv6, or
   * an IPv4 prefix shorter than /8): "16:" and the first two octets for /16 and longer, "8:" and
   * the first octet for /8 to /15.
   */
  public List<String> ipv4IndexKeys() {
    List<String> keys = new java.util.ArrayList<>();
    for (int i = 0; i < networks.length; i++) {
      if (networks[i].length != 4 || prefixes[i] < 8) {
        return List.of();
      }
      int net = toInt(networks[i]);
      keys.add(prefixes[i] >= 16 ? "16:" + (net >>> 16) : "8:" + (net >>> 24));
    }
    return keys;
  }

  /**
   * The client address as an unsigned IPv4 value (IPv4-mapped IPv6 included), or -1 when it is not
   * IPv4.
   */
  public static long clientIpv4(String clientAddress) {
    long v4 = IpAddress.parseClientV4(clientAddress);
    if (v4 >= 0) {
      return v4;
    }
    byte[] address = IpAddress.parseClient(clientAddress);
    return address != null && address.length == 4 ? toInt(address) & 0xffffffffL : -1;
  }

  @Override
  public String toString() {
    return texts.toString();
  }

  private static int parsePrefix(String text, int max) {
    if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(Character::isDigit)) {
      throw new InvalidPatternException(EXPECTED);
    }
    int prefix = Integer.parseInt(text);
    if (prefix > max) {
      throw new InvalidPatternException(EXPECTED + " (prefix at most " + max + ")");
    }
    return prefix;
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - keep)));
    }
    return out;
  }

  private static boolean inNetwork(byte[] address, byte[] network, int prefix) {
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int m = 0xff << (8 - rest);
    return (address[full] & m) == (network[full] & m);
  }
}
