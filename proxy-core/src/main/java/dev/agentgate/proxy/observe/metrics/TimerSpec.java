package dev.agentgate.proxy.observe.metrics;

import java.time.Duration;
import java.util.List;

/**
 * How one duration is measured: a Timer in seconds with a percentile histogram clamped to {@code
 * [min, max]} plus explicit SLO bucket bounds, so {@code histogram_quantile} works across replicas
 * and the SLO thresholds are exact bucket edges.
 */
record TimerSpec(String name, String description, Duration min, Duration max, List<Duration> slos) {

  TimerSpec {
    slos = List.copyOf(slos);
    if (min.compareTo(max) >= 0) {
      throw new IllegalArgumentException(name + ": min must be below max");
    }
  }

  static TimerSpec of(
      String name, String description, Duration min, Duration max, Duration... slos) {
    return new TimerSpec(name, description, min, max, List.of(slos));
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
