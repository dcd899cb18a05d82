package dev.agentgate.proxy.observe.audit;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Confidence;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One audit event: a decision, a closed connection, a policy reload, a shadow-policy disagreement,
 * or the writer's note that events were dropped. Plain values only, so a header map (and the
 * credentials in it) can never reach the log; absent facts are {@code null} and left out of the
 * JSON line.
 *
 * @param time when it happened
 * @param type what kind of event
 * @param connection the proxy's id of the connection, linking its decisions and its close
 * @param client the client's address and port
 * @param user the authenticated user, or {@code null}
 * @param groups the client's groups
 * @param host the destination host as the client named it
 * @param port the destination port
 * @param resolved the address the proxy connected to
 * @param sni the TLS server name
 * @param alpn the ALPN protocols the client offered
 * @param ja3 the JA3 fingerprint (hash)
 * @param ja4 the JA4 fingerprint
 * @param agent the catalog id of the agent, or {@code unknown}
 * @param confidence how strongly the facts support {@code agent}
 * @param evidence short facts that led to {@code agent}
 * @param phase the phase of the decision
 * @param action the decision's action
 * @param ruleId the deciding rule
 * @param reason the decision's reason
 * @param reportMode true when the policy ran in report mode: the decision was recorded, not
 *     enforced
 * @param reports report-mode rules that matched and what they would have done
 * @param policyVersion the version of the policy that decided (for a reload: the one in force after
 *     it)
 * @param policyHash the content hash of that policy, where the event knows it
 * @param bytesUp bytes from the client to the destination
 * @param bytesDown bytes from the destination to the client
 * @param durationMillis how long the connection lasted
 * @param redaction for a {@code redact} decision: what inspecting the body gave ({@code redacted},
 *     {@code unchanged}, {@code blocked}, {@code uninspectable_refused}, ...)
 * @param findings redaction findings
 * @param dropped for {@link Type#DROPPED}: how many events were lost since the last note
 * @param reload for {@link Type#POLICY_RELOAD}: the attempt
 * @param shadow for {@link Type#SHADOW_DISAGREEMENT}: what the shadow policy would have decided
 */
public record AuditEvent(
    Instant time,
    Type type,
    String connection,
    String client,
    String user,
    List<String> groups,
    String host,
    Integer port,
    String resolved,
    String sni,
    List<String> alpn,
    String ja3,
    String ja4,
    String agent,
    Confidence confidence,
    List<String> evidence,
    Phase phase,
    Action action,
    String ruleId,
    String reason,
    boolean reportMode,
    List<AuditReport> reports,
    String policyVersion,
    String policyHash,
    Long bytesUp,
    Long bytesDown,
    Long durationMillis,
    String redaction,
    List<AuditFinding> findings,
    Long dropped,
    AuditReload reload,
    AuditShadow shadow) {

  /** What an event records. */
  public enum Type {
    /** A policy decision at one phase. */
    DECISION,
    /** A connection closed: bytes each way and duration. */
    CLOSE,
    /**
     * A client's TLS handshake under a minted certificate failed (it rejected the certificate, or
     * had nothing in common with the proxy): the agent, fingerprints and why.
     */
    CLIENT_TLS,
    /** The writer's note that events were dropped because its queue was full. */
    DROPPED,
    /** An attempt to change the live or the shadow policy, applied or not. */
    POLICY_RELOAD,
    /** A decision the shadow policy would have made differently. */
    SHADOW_DISAGREEMENT
  }

  public AuditEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(type, "type");
    groups = groups == null ? List.of() : List.copyOf(groups);
    alpn = alpn == null ? List.of() : List.copyOf(alpn);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    reports = reports == null ? List.of() : List.copyOf(reports);
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  /** A builder for a decision event. */
  public static AuditEventBuilder decision(Instant time) {
    return new AuditEventBuilder(time, Type.DECISION);
  }

  /** A builder for a failed interception handshake. */
  public static AuditEventBuilder clientTls(Instant time) {
    return new AuditEventBuilder(time, Type.CLIENT_TLS);
  }

  /** A builder for a closed-connection event. */
  public static AuditEventBuilder close(Instant time) {
    return new AuditEventBuilder(time, Type.CLOSE);
  }

  /** A builder for a policy reload event. */
  public static AuditEventBuilder policyReload(Instant time) {
    return new AuditEventBuilder(time, Type.POLICY_RELOAD);
  }

  /** A builder for a shadow disagreement event (the live decision's facts, and the shadow's). */
  public static AuditEventBuilder shadowDisagreement(Instant time) {
    return new AuditEventBuilder(time, Type.SHADOW_DISAGREEMENT);
  }

  /** The writer's note that {@code count} events were dropped. */
  public static AuditEvent dropped(Instant time, long count) {
    return new AuditEventBuilder(time, Type.DROPPED).dropped(count).build();
  }
}
