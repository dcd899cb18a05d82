package dev.agentgate.proxy.upstream;

import io.netty.util.NetUtil;
import java.util.Arrays;
import java.util.List;

/**
 * Names the special-purpose ranges an egress proxy must not reach on a client's behalf: loopback,
 * private, link-local, CGNAT, multicast, unspecified, reserved, cloud metadata endpoints, and IPv6
 * forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4), which are judged by the
 * address they embed. Pure and allocation-light; the tables are immutable.
 */
public final class AddressClassifier {
  /** Why an address is special. */
  public enum Category {
    LOOPBACK("loopback"),
    PRIVATE("private"),
    LINK_LOCAL("link-local"),
    CGNAT("carrier-grade NAT (100.64.0.0/10)"),
    MULTICAST("multicast"),
    UNSPECIFIED("unspecified"),
    METADATA("a cloud metadata endpoint"),
    RESERVED("reserved");

    private final String description;

    Category(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  private record Entry(CidrRange range, Category category) {}

  /** Checked in order: more specific entries (metadata) before the ranges that contain them. */
  private static final List<Entry> TABLE =
      List.of(
          entry("169.254.169.254/32", Category.METADATA),
          entry("168.63.129.16/32", Category.METADATA),
          entry("100.100.100.200/32", Category.METADATA),
          entry("fd00:ec2::254/128", Category.METADATA),
          entry("0.0.0.0/8", Category.UNSPECIFIED),
          entry("10.0.0.0/8", Category.PRIVATE),
          entry("100.64.0.0/10", Category.CGNAT),
          entry("127.0.0.0/8", Category.LOOPBACK),
          entry("169.254.0.0/16", Category.LINK_LOCAL),
          entry("172.16.0.0/12", Category.PRIVATE),
          entry("192.0.0.0/24", Category.RESERVED),
          entry("192.0.2.0/24", Category.RESERVED),
          entry("192.88.99.0/24", Category.RESERVED),
          entry("192.168.0.0/16", Category.PRIVATE),
          entry("198.18.0.0/15", Category.RESERVED),
          entry("198.51.100.0/24", Category.RESERVED),
          entry("203.0.113.0/24", Category.RESERVED),
          entry("224.0.0.0/4", Category.MULTICAST),
          entry("240.0.0.0/4", Category.RESERVED),
          entry("::/128", Category.UNSPECIFIED),
          entry("::1/128", Category.LOOPBACK),
          entry("64:ff9b:1::/48", Category.RESERVED),
          entry("100::/64", Category.RESERVED),
          entry("2001::/32", Category.RESERVED),
          entry("2001:10::/28", Category.RESERVED),
          entry("2001:20::/28", Category.RESERVED),
          entry("2001:db8::/32", Category.RESERVED),
          entry("fc00::/7", Category.PRIVATE),
          entry("fe80::/10", Category.LINK_LOCAL),
          entry("fec0::/10", Category.PRIVATE),
          entry("ff00::/8", Category.MULTICAST));

  private static final CidrRange MAPPED = CidrRange.parse("::ffff:0:0/96");
  private static final CidrRange COMPATIBLE = CidrRange.parse("::/96");
  private static final CidrRange NAT64 = CidrRange.parse("64:ff9b::/96");
  private static final CidrRange SIX_TO_FOUR = CidrRange.parse("2002::/16");

  private AddressClassifier() {}

  /**
   * Why {@code address} (4 or 16 bytes) may not be reached, or {@code null} when it is an ordinary
   * public unicast address.
   */
  public static Verdict classify(byte[] address) {
    if (address.length == 16) {
      byte[] embedded = embeddedIpv4(address);
      if (embedded != null) {
        Verdict inner = classify(embedded);
        if (inner != null) {
          return new Verdict(inner.category(), "embeds " + NetUtil.bytesToIpAddress(embedded));
        }
        if (COMPATIBLE.contains(address)) {
          return new Verdict(Category.RESERVED, "deprecated IPv4-compatible form");
        }
        return null;
      }
    }
    for (Entry e : TABLE) {
      if (e.range().contains(address)) {
        return new Verdict(e.category(), null);
      }
    }
    return null;
  }

  /** The IPv4 address an IPv6 address carries, or {@code null}. */
  static byte[] embeddedIpv4(byte[] v6) {
    if (MAPPED.contains(v6) || NAT64.contains(v6)) {
      return Arrays.copyOfRange(v6, 12, 16);
    }
    if (COMPATIBLE.contains(v6) && !isZeroOrOne(v6)) {
      return Arrays.copyOfRange(v6, 12, 16);
    }
    if (SIX_TO_FOUR.contains(v6)) {
      return Arrays.copyOfRange(v6, 2, 6);
    }
    return null;
  }

  private static boolean isZeroOrOne(byte[] v6) {
    for (int i = 0; i < 15; i++) {
      if (v6[i] != 0) {
        return false;
      }
    }
    return v6[15] == 0 || v6[15] == 1;
  }

  private static Entry entry(String cidr, Category category) {
    return new Entry(CidrRange.parse(cidr), category);
  }

  /**
   * @param category the kind of special address
   * @param detail extra words (for embedded forms), or null
   */
  public record Verdict(Category category, String detail) {
    /** For example "private" or "loopback (embeds 127.0.0.1)". */
    public String describe() {
      return detail == null ? category.description() : category.description() + " (" + detail + ")";
    }
  }
}
