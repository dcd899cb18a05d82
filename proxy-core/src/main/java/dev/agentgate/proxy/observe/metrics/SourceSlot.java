package dev.agentgate.proxy.observe.metrics;

import java.util.Objects;

/**
 * A component that reports its own counts, bound after the meters over it exist. The meters are
 * created at start-up over the slot, so they are in every scrape from the first one (at zero until
 * the component binds), and alert rules never see a series appear out of nothing.
 */
final class SourceSlot<T> {
  private volatile T source;

  SourceSlot(T initial) {
    this.source = Objects.requireNonNull(initial);
  }

  T get() {
    return source;
  }

  void bind(T source) {
    this.source = Objects.requireNonNull(source);
  }
}
