package dev.agentgate.proxy.upstream;

import dev.agentgate.proxy.upstream.AddressClassifier.Verdict;
import java.net.InetAddress;
import java.util.List;

/**
 * Decides whether the proxy may connect to an address: special-purpose addresses (see {@link
 * AddressClassifier}) are refused unless the config allows a range containing them. Immutable.
 */
public final class DestinationGuard {
  private final List<CidrRange> allowed;

  public DestinationGuard(List<CidrRange> allowedSpecialRanges) {
    this.allowed = List.copyOf(allowedSpecialRanges);
  }

  /**
   * Why the proxy must not connect to {@code address} (such as "loopback"), or {@code null} when it
   * may.
   */
  public String refusal(InetAddress address) {
    byte[] raw = address.getAddress();
    Verdict verdict = AddressClassifier.classify(raw);
    if (verdict == null) {
      return null;
    }
    for (CidrRange range : allowed) {
      if (range.contains(raw)) {
        return null;
      }
    }
    return verdict.describe();
  }
}
