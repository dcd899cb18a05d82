package dev.agentgate.proxy.observe.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * Builds meters the one way agentgate wants them: a description on every meter, seconds for
 * durations, bytes for sizes, counters that Prometheus exposes with {@code _total}. Used only at
 * start-up and on policy load, never on the hot path.
 */
final class MeterFactory {
  /** Transfer and body sizes: powers of four from 1 KiB to 1 GiB (orders of magnitude suffice). */
  private static final double[] SIZE_BUCKETS = {
    1024d,
    4096d,
    16384d,
    65536d,
    262144d,
    1048576d,
    4194304d,
    16777216d,
    67108864d,
    268435456d,
    1073741824d
  };

  private final MeterRegistry registry;

  MeterFactory(MeterRegistry registry) {
    this.registry = registry;
  }

  MeterRegistry registry() {
    return registry;
  }

  /** A counter; the name has no {@code _total}, the Prometheus registry appends it. */
  Counter counter(String name, String description, Tags tags) {
    return Counter.builder(name)
        .description(requireText(description))
        .tags(tags)
        .register(registry);
  }

  /** A counter of a quantity in {@code baseUnit} (e.g. "bytes": {@code name_bytes_total}). */
  Counter counter(String name, String description, String baseUnit, Tags tags) {
    return Counter.builder(name)
        .description(requireText(description))
        .baseUnit(baseUnit)
        .tags(tags)
        .register(registry);
  }

  /** A gauge that reads {@code value}; held strongly so it never silently disappears. */
  <T> Gauge gauge(
      String name,
      String description,
      String baseUnit,
      Tags tags,
      T obj,
      ToDoubleFunction<T> value) {
    return Gauge.builder(name, obj, value)
        .description(requireText(description))
        .baseUnit(baseUnit)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  /** One counter per constant of {@code type}, indexed by ordinal, labelled {@code key}. */
  <E extends Enum<E>> Counter[] counters(
      String name, String description, String key, Class<E> type) {
    E[] values = type.getEnumConstants();
    Counter[] counters = new Counter[values.length];
    for (E value : values) {
      counters[value.ordinal()] = counter(name, description, Tags.of(key, Labels.of(value)));
    }
    return counters;
  }

  /** A timer in seconds whose histogram has exactly the spec's bucket bounds (plus +Inf). */
  Timer timer(TimerSpec spec, Tags tags) {
    return Timer.builder(spec.name())
        .description(requireText(spec.description()))
        .tags(tags)
        .serviceLevelObjectives(spec.buckets().toArray(Duration[]::new))
        .register(registry);
  }

  /** A size distribution in bytes with fixed power-of-four buckets. */
  DistributionSummary bytes(String name, String description, Tags tags) {
    return DistributionSummary.builder(name)
        .description(requireText(description))
        .baseUnit("bytes")
        .tags(tags)
        .serviceLevelObjectives(SIZE_BUCKETS)
        .register(registry);
  }

  static String requireText(String description) {
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("every meter needs a description");
    }
    return description;
  }
}
