package dev.agentgate.proxy.observe.metrics;

import static dev.agentgate.proxy.observe.metrics.TimerSpec.micros;
import static dev.agentgate.proxy.observe.metrics.TimerSpec.millis;
import static dev.agentgate.proxy.observe.metrics.TimerSpec.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimerSpecTest {

  @Test
  void ladderIsTheOneTwoAndAHalfFiveSeriesBetweenItsEndsThenTheTail() {
    TimerSpec spec =
        TimerSpec.ladder("t", "help", micros(500), seconds(1), seconds(3), seconds(10));

    assertThat(spec.buckets())
        .containsExactly(
            micros(500),
            millis(1),
            micros(2500),
            millis(5),
            millis(10),
            millis(25),
            millis(50),
            millis(100),
            millis(250),
            millis(500),
            seconds(1),
            seconds(3),
            seconds(10));
  }

  @Test
  void proxyLatencyStartsAtFiftyMicroseconds() {
    assertThat(LatencyMeters.PROXY_LATENCY.buckets())
        .containsExactly(
            micros(50),
            micros(100),
            micros(250),
            micros(500),
            millis(1),
            micros(2500),
            millis(5),
            millis(10),
            millis(25),
            millis(50),
            millis(100),
            millis(250),
            millis(500),
            seconds(1));
    assertThat(TlsMeters.HANDSHAKE.buckets())
        .startsWith(millis(1))
        .endsWith(seconds(3), seconds(10));
    assertThat(LatencyMeters.DNS.buckets())
        .startsWith(micros(100))
        .endsWith(seconds(1), seconds(5));
  }

  @Test
  void ladderEndsOffTheSeriesAreRejected() {
    assertThatThrownBy(() -> TimerSpec.ladder("t", "help", micros(300), seconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1-2.5-5");
    assertThatThrownBy(() -> TimerSpec.ladder("t", "help", micros(500), seconds(2)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
