package dev.agentgate.proxy.observe.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How one duration is measured: a Timer in seconds with a dozen or so explicit histogram bucket
 * bounds chosen for what an SRE asks of it (percentiles on the dashboard, SLO thresholds as exact
 * bucket edges). Explicit bounds instead of Micrometer's percentile histogram keep each timer at
 * about 15 series instead of about 80, per replica; {@code histogram_quantile} interpolates within
 * a bucket, which is precise enough at these spacings (about 2.5x between bounds).
 */
record TimerSpec(String name, String description, List<Duration> buckets) {

  TimerSpec {
    buckets = List.copyOf(buckets);
    for (int i = 1; i < buckets.size(); i++) {
      if (buckets.get(i - 1).compareTo(buckets.get(i)) >= 0) {
        throw new IllegalArgumentException(name + ": bucket bounds must increase");
      }
    }
    if (buckets.isEmpty()) {
      throw new IllegalArgumentException(name + ": needs bucket bounds");
    }
  }

  static TimerSpec of(String name, String description, Duration... buckets) {
    return new TimerSpec(name, description, List.of(buckets));
  }

  /**
   * A timer whose bounds are the 1-2.5-5 series (..., 100µs, 250µs, 500µs, 1ms, 2.5ms, ...) from
   * {@code from} to {@code to}, both on the series, then the coarser {@code beyond} bounds for the
   * tail. Most timers here share that series; naming it keeps their specs to what differs.
   */
  static TimerSpec ladder(
      String name, String description, Duration from, Duration to, Duration... beyond) {
    List<Duration> buckets = new ArrayList<>();
    for (long decade = 1_000L; decade <= to.toNanos(); decade *= 10) {
      for (long step : new long[] {decade, decade * 5 / 2, decade * 5}) {
        Duration d = Duration.ofNanos(step);
        if (d.compareTo(from) >= 0 && d.compareTo(to) <= 0) {
          buckets.add(d);
        }
      }
    }
    if (buckets.isEmpty()
        || !buckets.get(0).equals(from)
        || !buckets.get(buckets.size() - 1).equals(to)) {
      throw new IllegalArgumentException(name + ": ladder ends must be on the 1-2.5-5 series");
    }
    buckets.addAll(List.of(beyond));
    return new TimerSpec(name, description, buckets);
  }

  static Duration micros(long n) {
    return Duration.ofNanos(n * 1_000L);
  }

  static Duration millis(long n) {
    return Duration.ofMillis(n);
  }

  static Duration seconds(long n) {
    return Duration.ofSeconds(n);
  }
}
