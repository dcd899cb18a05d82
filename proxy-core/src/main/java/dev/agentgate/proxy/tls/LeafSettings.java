package dev.agentgate.proxy.tls;

import java.time.Duration;

/**
 * How minted leaves look and how long they stay cached.
 *
 * @param validity how long a leaf is valid from the moment it is minted
 * @param backdate how far notBefore lies in the past, for clients whose clocks run behind
 * @param cacheResidency the longest a minted context stays cached; shorter than {@code validity}
 * @param cacheSize the most hosts whose contexts are cached at once
 */
public record LeafSettings(
    Duration validity, Duration backdate, Duration cacheResidency, long cacheSize) {

  public LeafSettings {
    if (validity.compareTo(Duration.ofMinutes(5)) < 0) {
      throw new IllegalArgumentException("leaf validity must be at least 5 minutes");
    }
    if (backdate.isNegative() || backdate.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("leaf backdating must be between 0 and 1 day");
    }
    if (cacheResidency.isNegative()
        || cacheResidency.isZero()
        || cacheResidency.compareTo(validity) >= 0) {
      throw new IllegalArgumentException(
          "certificate cache residency must be positive and shorter than the leaf validity");
    }
    if (cacheSize < 1) {
      throw new IllegalArgumentException("certificate cache size must be at least 1");
    }
  }

  /** Leaves valid for 24 hours (backdated 1 hour), cached up to 12 hours, 1000 hosts at most. */
  public static LeafSettings defaults() {
    return new LeafSettings(Duration.ofHours(24), Duration.ofHours(1), Duration.ofHours(12), 1000);
  }
}
