package dev.agentgate.proxy.observe.metrics;

import static dev.agentgate.proxy.observe.metrics.TimerSpec.micros;
import static dev.agentgate.proxy.observe.metrics.TimerSpec.seconds;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Time the proxy adds and the time it waits on the network: proxy latency, connect, DNS. */
final class LatencyMeters {
  static final TimerSpec PROXY_LATENCY =
      TimerSpec.ladder(
          "agentgate.proxy.latency",
          "Latency the proxy adds to a request or tunnel: from the client's request (or"
              + " ClientHello) to the first byte forwarded upstream, upstream connect and DNS"
              + " excluded.",
          micros(50),
          seconds(1));
  static final TimerSpec UPSTREAM_CONNECT =
      TimerSpec.ladder(
          "agentgate.upstream.connect.duration",
          "Time to open the TCP connection to an upstream server (successful connects).",
          micros(500),
          seconds(1),
          seconds(3),
          seconds(10));
  static final TimerSpec DNS =
      TimerSpec.ladder(
          "agentgate.dns.resolution.duration",
          "Time to resolve a destination host name (successful resolutions).",
          micros(100),
          seconds(1),
          seconds(5));

  private final Timer proxyLatency;
  private final Timer upstreamConnect;
  private final Timer dns;

  LatencyMeters(MeterFactory meters) {
    proxyLatency = meters.timer(PROXY_LATENCY, Tags.empty());
    upstreamConnect = meters.timer(UPSTREAM_CONNECT, Tags.empty());
    dns = meters.timer(DNS, Tags.empty());
  }

  void proxyLatency(long nanos) {
    proxyLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  void upstreamConnect(long nanos) {
    upstreamConnect.record(nanos, TimeUnit.NANOSECONDS);
  }

  void dns(long nanos) {
    dns.record(nanos, TimeUnit.NANOSECONDS);
  }
}
