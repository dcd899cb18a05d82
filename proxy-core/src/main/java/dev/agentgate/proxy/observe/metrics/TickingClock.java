package dev.agentgate.proxy.observe.metrics;

import io.micrometer.core.instrument.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Micrometer clock whose wall time is a field a daemon thread refreshes every few milliseconds.
 * Every {@code Timer.record} reads the wall time twice (to rotate its max window and histogram);
 * with the system clock those two reads cost more than the rest of the record (measured by
 * ProxyMetricsBenchmark), with this clock they are field reads. The wall time only drives window
 * rotation and timestamps, where a few milliseconds do not matter. Monotonic time is exact.
 */
final class TickingClock implements Clock, AutoCloseable {
  private static final long TICK_MILLIS = 5;

  private final ScheduledExecutorService ticker;
  private volatile long wallTime = System.currentTimeMillis();

  TickingClock() {
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "agentgate-metrics-clock");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleAtFixedRate(
        () -> wallTime = System.currentTimeMillis(),
        TICK_MILLIS,
        TICK_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public long wallTime() {
    return wallTime;
  }

  @Override
  public long monotonicTime() {
    return System.nanoTime();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
