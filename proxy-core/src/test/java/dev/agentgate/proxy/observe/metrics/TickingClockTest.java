package dev.agentgate.proxy.observe.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TickingClockTest {

  @Test
  void wallTimeFollowsTheSystemClock() {
    try (TickingClock clock = new TickingClock()) {
      long start = clock.wallTime();
      assertThat(Math.abs(start - System.currentTimeMillis())).isLessThan(1000);
      await().atMost(Duration.ofSeconds(5)).until(() -> clock.wallTime() > start);
      long monotonic = clock.monotonicTime();
      await().atMost(Duration.ofSeconds(5)).until(() -> clock.monotonicTime() > monotonic);
    }
  }
}
