package dev.agentgate.policy.agents.bench;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.AgentCatalog;
import dev.agentgate.policy.agents.AgentIdentifier;
import dev.agentgate.policy.agents.Identification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Cost of one identification per phase, on Claude Code's captured request (shared host). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IdentifyBenchmark {
  private static final String BUN_JA4 = "t13d1714h1_5b57614c22b0_43ade6aba3df";

  private final AgentIdentifier identifier = AgentIdentifier.of(AgentCatalog.builtIn());
  private final EgressRequest connectShared =
      EgressRequest.builder(Phase.CONNECT, "api.anthropic.com", 443).build();
  private final EgressRequest connectExclusive =
      EgressRequest.builder(Phase.CONNECT, "api2.cursor.sh", 443).build();
  private final EgressRequest tls =
      EgressRequest.builder(Phase.TLS, "api.anthropic.com", 443)
          .tls(true, "api.anthropic.com", List.of("http/1.1"), null, BUN_JA4)
          .build();
  private final EgressRequest http =
      tls.toBuilder()
          .phase(Phase.HTTP)
          .http("POST", "/v1/messages?beta=true", claudeHeaders())
          .build();

  private static Map<String, List<String>> claudeHeaders() {
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("accept", List.of("application/json"));
    h.put("content-type", List.of("application/json"));
    h.put("user-agent", List.of("claude-cli/2.1.197 (external, sdk-cli)"));
    h.put("x-claude-code-session-id", List.of("a9d38a02-af2f-4975-a4d2-5f99a520bc9c"));
    h.put("x-stainless-arch", List.of("x64"));
    h.put("x-stainless-lang", List.of("js"));
    h.put("x-stainless-os", List.of("Linux"));
    h.put("x-stainless-package-version", List.of("0.94.0"));
    h.put("x-stainless-retry-count", List.of("0"));
    h.put("x-stainless-runtime", List.of("node"));
    h.put("x-stainless-runtime-version", List.of("v26.3.0"));
    h.put("x-stainless-timeout", List.of("600"));
    h.put(
        "anthropic-beta", List.of("claude-code-20250219,context-1m-2025-08-07,effort-2025-11-24"));
    h.put("anthropic-dangerous-direct-browser-access", List.of("true"));
    h.put("anthropic-version", List.of("2023-06-01"));
    h.put("x-api-key", List.of("FAKE"));
    h.put("x-app", List.of("cli"));
    h.put("x-client-request-id", List.of("ae635d52-ffdb-40fe-8b40-81f3ba001d5e"));
    h.put("connection", List.of("keep-alive"));
    h.put("host", List.of("api.anthropic.com"));
    h.put("accept-encoding", List.of("gzip, deflate, br, zstd"));
    h.put("content-length", List.of("48504"));
    return h;
  }

  @Benchmark
  public Identification connectSharedHost() {
    return identifier.identify(connectShared);
  }

  @Benchmark
  public Identification connectExclusiveHost() {
    return identifier.identify(connectExclusive);
  }

  @Benchmark
  public Identification tlsWithJa4() {
    return identifier.identify(tls);
  }

  @Benchmark
  public Identification httpWithHeaders() {
    return identifier.identify(http);
  }
}
