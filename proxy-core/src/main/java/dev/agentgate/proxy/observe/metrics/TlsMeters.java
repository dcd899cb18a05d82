package dev.agentgate.proxy.observe.metrics;

import static dev.agentgate.proxy.observe.metrics.TimerSpec.micros;
import static dev.agentgate.proxy.observe.metrics.TimerSpec.millis;
import static dev.agentgate.proxy.observe.metrics.TimerSpec.seconds;

import dev.agentgate.proxy.observe.ClientHelloOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** ClientHello inspection, TLS interception handshakes, certificate minting and its cache. */
final class TlsMeters {
  static final TimerSpec HANDSHAKE =
      TimerSpec.ladder(
          "agentgate.tls.interception.handshake.duration",
          "Time of successful TLS handshakes with clients under a minted certificate.",
          millis(1),
          seconds(1),
          seconds(3),
          seconds(10));
  static final TimerSpec MINT =
      TimerSpec.ladder(
          "agentgate.certificate.mint.duration",
          "Time to mint a leaf certificate for an intercepted host (successful mints).",
          micros(500),
          seconds(1),
          seconds(5));

  private final AgentIndex agents;
  private final Counter[] clientHellos;
  private final Counter[] handshakes;
  private final Timer handshakeTime;
  private final Counter mintSuccess;
  private final Counter mintFailure;
  private final Timer mintTime;
  private final SourceSlot<CertificateCacheStats> cache =
      new SourceSlot<>(CertificateCacheStats.NONE);

  TlsMeters(MeterFactory meters, AgentIndex agents) {
    this.agents = agents;
    clientHellos =
        meters.counters(
            "agentgate.tls.client.hellos",
            "ClientHellos read from CONNECT tunnels, by parse outcome.",
            "outcome",
            ClientHelloOutcome.class);
    HandshakeResult[] results = HandshakeResult.values();
    handshakes = new Counter[results.length * agents.size()];
    for (HandshakeResult result : results) {
      for (int agent = 0; agent < agents.size(); agent++) {
        handshakes[result.ordinal() * agents.size() + agent] =
            meters.counter(
                "agentgate.tls.interception.handshakes",
                "TLS handshakes with clients under a minted certificate, by result and agent"
                    + " (certificate_rejected: the client pins or does not trust the CA).",
                Tags.of("result", Labels.of(result), "agent", agents.id(agent)));
      }
    }
    handshakeTime = meters.timer(HANDSHAKE, Tags.empty());
    String mintHelp = "Leaf certificates minted for intercepted hosts, by result.";
    mintSuccess =
        meters.counter("agentgate.certificate.mints", mintHelp, Tags.of("result", "success"));
    mintFailure =
        meters.counter("agentgate.certificate.mints", mintHelp, Tags.of("result", "failure"));
    mintTime = meters.timer(MINT, Tags.empty());
    meters.gauge(
        "agentgate.certificate.cache.entries",
        "Minted certificates held in the cache now.",
        null,
        Tags.empty(),
        cache,
        slot -> slot.get().entries());
    String lookupHelp = "Minted-certificate cache lookups, by result (hit, miss).";
    FunctionCounter.builder("agentgate.certificate.cache.lookups", cache, slot -> slot.get().hits())
        .description(lookupHelp)
        .tags("result", "hit")
        .register(meters.registry());
    FunctionCounter.builder(
            "agentgate.certificate.cache.lookups", cache, slot -> slot.get().misses())
        .description(lookupHelp)
        .tags("result", "miss")
        .register(meters.registry());
  }

  void clientHello(ClientHelloOutcome outcome) {
    clientHellos[outcome.ordinal()].increment();
  }

  void interceptionHandshake(long nanos, HandshakeResult result, int agentIndex) {
    handshakes[result.ordinal() * agents.size() + agents.clamp(agentIndex)].increment();
    if (result == HandshakeResult.SUCCESS) {
      handshakeTime.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  void certificateMint(long nanos, boolean ok) {
    if (ok) {
      mintSuccess.increment();
      mintTime.record(nanos, TimeUnit.NANOSECONDS);
    } else {
      mintFailure.increment();
    }
  }

  void bindCertificateCache(CertificateCacheStats stats) {
    cache.bind(stats);
  }
}
