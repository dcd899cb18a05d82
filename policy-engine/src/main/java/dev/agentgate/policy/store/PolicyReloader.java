package dev.agentgate.policy.store;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one thread on which policies change: file polls and admin API work (apply, validate,
 * rollback) all run here, one at a time, so compiling a large policy never runs on an event loop
 * and two changes never race. A daemon thread: it never keeps the JVM alive.
 */
public final class PolicyReloader implements AutoCloseable {
  private static final System.Logger log = System.getLogger(PolicyReloader.class.getName());

  private final ScheduledExecutorService executor;

  public PolicyReloader() {
    ScheduledThreadPoolExecutor e =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "agentgate-policy");
              t.setDaemon(true);
              return t;
            });
    e.setRemoveOnCancelPolicy(true);
    this.executor = e;
  }

  /** Runs {@code poll} every {@code interval} (after the previous run ends) until closed. */
  public void every(Duration interval, Runnable poll) {
    long millis = Math.max(1, interval.toMillis());
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            poll.run();
          } catch (RuntimeException e) {
            // One failed poll must not cancel the schedule (the executor would stop polling).
            log.log(System.Logger.Level.WARNING, "policy poll failed: " + e, e);
          }
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} on the policy thread; the future completes there. */
  public <T> CompletableFuture<T> submit(Supplier<T> task) {
    return CompletableFuture.supplyAsync(task, executor);
  }

  /** Stops polling; work in progress finishes first (bounded wait). */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
