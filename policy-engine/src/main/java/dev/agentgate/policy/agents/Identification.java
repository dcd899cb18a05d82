package dev.agentgate.policy.agents;

import java.util.List;
import java.util.Objects;

/**
 * Who is talking, as far as the facts of a phase tell.
 *
 * @param agentId the catalog id of the agent, or {@code null} when unknown or still ambiguous
 * @param candidates agents still possible (empty when {@code agentId} is set or nothing matched)
 * @param confidence how strongly the facts support {@code agentId}
 * @param evidence short human-readable facts that led here, never a credential
 * @param impersonation true when headers claim one agent while the TLS stack belongs to another
 * @param claimedAgent the agent the headers claim, or {@code null}
 * @param endpointCategory the catalog's purpose for the destination ("model-api", "telemetry",
 *     "auth", "update", ...), or {@code null} when the host is not in the catalog
 */
public record Identification(
    String agentId,
    List<String> candidates,
    Confidence confidence,
    List<String> evidence,
    boolean impersonation,
    String claimedAgent,
    String endpointCategory) {

  public static final Identification UNKNOWN =
      new Identification(null, List.of(), Confidence.NONE, List.of(), false, null, null);

  public Identification {
    candidates = List.copyOf(Objects.requireNonNull(candidates, "candidates"));
    evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence"));
    Objects.requireNonNull(confidence, "confidence");
  }

  /** The agent id for metrics and audit: the catalog id, or "unknown". */
  public String agentOrUnknown() {
    return agentId == null ? "unknown" : agentId;
  }
}
