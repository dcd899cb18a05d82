package dev.agentgate.proxy.observe.metrics;

import java.util.Locale;

/** Label values: lower-case snake case, as Prometheus users expect. */
final class Labels {
  private Labels() {}

  /** The label value of an enum constant: {@code UPSTREAM_REFUSED -> "upstream_refused"}. */
  static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
