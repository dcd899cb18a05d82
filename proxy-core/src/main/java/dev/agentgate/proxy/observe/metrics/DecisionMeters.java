package dev.agentgate.proxy.observe.metrics;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.redact.DetectorCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** What the policy decided and what the proxy did about it: decisions, blocks, redactions. */
final class DecisionMeters {
  /** Label value for findings of policy-defined detectors (custom patterns, keywords, markers). */
  static final String CUSTOM_DETECTOR = "custom";

  private static final int ACTIONS = Action.values().length;

  private final AgentIndex agents;
  private final Counter[] decisions;
  private final Counter[] blocks;
  private final Map<String, Counter> findingsByDetector;
  private final Counter customFindings;
  private final DistributionSummary inspectedBody;

  DecisionMeters(MeterFactory meters, AgentIndex agents) {
    this.agents = agents;
    decisions = new Counter[Phase.values().length * ACTIONS * agents.size()];
    for (Phase phase : Phase.values()) {
      for (Action action : Action.values()) {
        for (int agent = 0; agent < agents.size(); agent++) {
          decisions[index(phase, action, agent)] =
              meters.counter(
                  "agentgate.decisions",
                  "Policy decisions by phase (connect, tls, http), action and agent.",
                  Tags.of(
                      "phase", Labels.of(phase),
                      "action", Labels.of(action),
                      "agent", agents.id(agent)));
        }
      }
    }
    blocks =
        meters.counters(
            "agentgate.blocks",
            "Connections and requests refused, by reason (policy, destination guard, ...).",
            "reason",
            BlockReason.class);
    String findingsHelp =
        "Secrets and marked content found (and redacted) in requests, by detector.";
    Map<String, Counter> byDetector = new HashMap<>();
    for (String detector : new TreeSet<>(DetectorCatalog.NAMES)) {
      byDetector.put(
          detector,
          meters.counter(
              "agentgate.redaction.findings", findingsHelp, Tags.of("detector", detector)));
    }
    customFindings =
        meters.counter(
            "agentgate.redaction.findings", findingsHelp, Tags.of("detector", CUSTOM_DETECTOR));
    findingsByDetector = Map.copyOf(byDetector);
    inspectedBody =
        meters.bytes(
            "agentgate.inspected.body",
            "Sizes of request bodies decoded and inspected for redaction.",
            Tags.empty());
  }

  private int index(Phase phase, Action action, int agent) {
    return (phase.ordinal() * ACTIONS + action.ordinal()) * agents.size() + agent;
  }

  void decision(Phase phase, Action action, int agentIndex) {
    decisions[index(phase, action, agents.clamp(agentIndex))].increment();
  }

  void blocked(BlockReason reason) {
    blocks[reason.ordinal()].increment();
  }

  /** A built-in detector counts under its name; any other name is a policy-defined detector. */
  void redactionFindings(String detector, int count) {
    Counter counter = detector == null ? null : findingsByDetector.get(detector);
    (counter == null ? customFindings : counter).increment(count);
  }

  void inspectedBody(long bytes) {
    inspectedBody.record(bytes);
  }
}
