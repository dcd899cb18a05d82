package dev.agentgate.proxy.observe.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** Client connections, tunnel bytes and errors: the meters every connection touches. */
final class ConnectionMeters {
  private static final TimerSpec DURATION =
      TimerSpec.of(
          "agentgate.connection.duration",
          "How long client connections stay open, from accept to close.",
          TimerSpec.millis(10),
          TimerSpec.millis(100),
          TimerSpec.seconds(1),
          TimerSpec.seconds(10),
          TimerSpec.seconds(30),
          TimerSpec.seconds(60),
          TimerSpec.seconds(300),
          TimerSpec.seconds(600),
          TimerSpec.seconds(1800),
          TimerSpec.seconds(3600));

  private final AgentIndex agents;
  private final Counter[] opened;
  private final LongAdder[] active;
  private final Timer[] duration;
  private final DistributionSummary[] transferred;
  private final Counter[] tunnelBytes;
  private final Counter[] errors;

  ConnectionMeters(MeterFactory meters, AgentIndex agents) {
    this.agents = agents;
    Listener[] listeners = Listener.values();
    opened = new Counter[listeners.length];
    active = new LongAdder[listeners.length];
    duration = new Timer[listeners.length];
    for (Listener listener : listeners) {
      Tags tags = Tags.of("listener", Labels.of(listener));
      int i = listener.ordinal();
      opened[i] =
          meters.counter(
              "agentgate.connections.opened", "Client connections accepted, by listener.", tags);
      active[i] = new LongAdder();
      meters.gauge(
          "agentgate.connections.active",
          "Client connections open now, by listener.",
          null,
          tags,
          active[i],
          LongAdder::sum);
      duration[i] = meters.timer(DURATION, tags);
    }
    Direction[] directions = Direction.values();
    transferred = new DistributionSummary[directions.length];
    tunnelBytes = new Counter[directions.length * agents.size()];
    for (Direction direction : directions) {
      Tags tags = Tags.of("direction", Labels.of(direction));
      transferred[direction.ordinal()] =
          meters.bytes(
              "agentgate.connection.transferred",
              "Bytes carried per client connection over its lifetime, by direction.",
              tags);
      for (int agent = 0; agent < agents.size(); agent++) {
        tunnelBytes[direction.ordinal() * agents.size() + agent] =
            meters.counter(
                "agentgate.tunnel",
                "Bytes relayed between clients and upstream servers, by direction and agent.",
                "bytes",
                tags.and("agent", agents.id(agent)));
      }
    }
    errors =
        meters.counters(
            "agentgate.errors",
            "Connection errors by kind (upstream refused, timeout, TLS failure, client reset, ...).",
            "kind",
            ErrorKind.class);
  }

  void opened(Listener listener) {
    opened[listener.ordinal()].increment();
    active[listener.ordinal()].increment();
  }

  void closed(Listener listener, long durationNanos, long bytesUpstream, long bytesDownstream) {
    int i = listener.ordinal();
    active[i].decrement();
    duration[i].record(durationNanos, TimeUnit.NANOSECONDS);
    transferred[Direction.UPSTREAM.ordinal()].record(bytesUpstream);
    transferred[Direction.DOWNSTREAM.ordinal()].record(bytesDownstream);
  }

  void tunnelBytes(Direction direction, int agentIndex, long n) {
    tunnelBytes[direction.ordinal() * agents.size() + agents.clamp(agentIndex)].increment(n);
  }

  void error(ErrorKind kind) {
    errors[kind.ordinal()].increment();
  }
}
