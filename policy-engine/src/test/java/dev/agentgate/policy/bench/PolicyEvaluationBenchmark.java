package dev.agentgate.policy.bench;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Identification;
import dev.agentgate.policy.lang.CompiledPolicy;
import dev.agentgate.policy.lang.PolicyCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluation cost of a 10-rule and a 10,000-rule generated policy over a mix of requests at the
 * three phases (hosts that match late rules, suffix hosts, agent and group rules, hosts no rule
 * names). {@code evaluate} takes a precomputed identification (the engine alone); {@code
 * identifyAndEvaluate} includes the agent identifier. Run:
 *
 * <pre>
 * mvn -o -q -Pbench -pl policy-engine -am test-compile exec:exec -Djmh.include=PolicyEvaluationBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PolicyEvaluationBenchmark {

  @Param({"10", "10000"})
  int rules;

  private CompiledPolicy policy;
  private EgressRequest[] requests;
  private Identification[] agents;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    policy = PolicyCompiler.compile("generated.yaml", GeneratedPolicy.yaml(rules)).orElseThrow();
    List<EgressRequest> list = new ArrayList<>();
    int late = rules - 10; // rules near the end: a scan would visit almost every rule
    for (Phase phase : Phase.values()) {
      list.add(request(phase, "h" + late + ".corp.example", "g1", Map.of()));
      list.add(request(phase, "h" + (late + 5) + ".corp.example", "g5", Map.of("x-team", "t5")));
      list.add(request(phase, "h" + (late + 3) + ".corp.example", "g3", Map.of()));
      list.add(request(phase, "www.s" + (late + 4) + ".example", "g4", Map.of()));
      list.add(request(phase, "api.anthropic.com", "g" + ((late + 6) % 500), Map.of()));
      list.add(request(phase, "api2.cursor.sh", "g7", Map.of()));
      list.add(request(phase, "unlisted.example.org", "nobody", Map.of()));
      list.add(request(phase, "api" + (late + 8) + ".models.example", "g8", Map.of()));
    }
    requests = list.toArray(new EgressRequest[0]);
    agents = new Identification[requests.length];
    for (int i = 0; i < requests.length; i++) {
      agents[i] = policy.identify(requests[i]);
    }
  }

  private static EgressRequest request(
      Phase phase, String host, String group, Map<String, String> headers) {
    Map<String, List<String>> h = new java.util.HashMap<>();
    h.put("user-agent", List.of("claude-cli/2.1.0 (external, cli)"));
    headers.forEach((k, v) -> h.put(k, List.of(v)));
    return EgressRequest.builder(phase, host, 443)
        .client("192.168.7.20:50312", "dev-1", Set.of(group, "all-staff"))
        .tls(true, host, List.of("h2", "http/1.1"), null, "t13d1714h1_5b57614c22b0_43ade6aba3df")
        .http("POST", "/v1/messages", h)
        .build();
  }

  @Benchmark
  public Decision evaluate() {
    int i = next++ & Integer.MAX_VALUE;
    int k = i % requests.length;
    return policy.evaluate(requests[k], agents[k]);
  }

  @Benchmark
  public Decision identifyAndEvaluate() {
    int i = next++ & Integer.MAX_VALUE;
    return policy.evaluate(requests[i % requests.length]);
  }
}
