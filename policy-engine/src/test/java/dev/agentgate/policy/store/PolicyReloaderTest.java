package dev.agentgate.policy.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PolicyReloaderTest {
  @Test
  void pollsOnItsOwnDaemonThreadAndKeepsPollingAfterAFailure() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch three = new CountDownLatch(3);
    String[] thread = new String[1];
    boolean[] daemon = new boolean[1];
    try (PolicyReloader reloader = new PolicyReloader()) {
      reloader.every(
          Duration.ofMillis(5),
          () -> {
            thread[0] = Thread.currentThread().getName();
            daemon[0] = Thread.currentThread().isDaemon();
            three.countDown();
            if (runs.incrementAndGet() == 1) {
              throw new IllegalStateException("first poll fails");
            }
          });
      assertThat(three.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(thread[0]).isEqualTo("agentgate-policy");
    assertThat(daemon[0]).isTrue();
  }

  @Test
  void submittedWorkRunsOnThePolicyThread() throws Exception {
    try (PolicyReloader reloader = new PolicyReloader()) {
      String name =
          reloader.submit(() -> Thread.currentThread().getName()).get(30, TimeUnit.SECONDS);
      assertThat(name).isEqualTo("agentgate-policy");
    }
  }
}
