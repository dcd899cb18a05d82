package dev.agentgate.proxy.observe.audit;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Confidence;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Collects the facts of one {@link AuditEvent}; every setter takes plain values. */
public final class AuditEventBuilder {
  private final Instant time;
  private final AuditEvent.Type type;
  private String connection;
  private String client;
  private String user;
  private List<String> groups;
  private String host;
  private Integer port;
  private String resolved;
  private String sni;
  private List<String> alpn;
  private String ja3;
  private String ja4;
  private String agent;
  private Confidence confidence;
  private List<String> evidence;
  private Phase phase;
  private Action action;
  private String ruleId;
  private String reason;
  private boolean reportMode;
  private List<AuditReport> reports;
  private String policyVersion;
  private String policyHash;
  private Long bytesUp;
  private Long bytesDown;
  private Long durationMillis;
  private String redaction;
  private List<AuditFinding> findings;
  private Long dropped;
  private AuditReload reload;
  private AuditShadow shadow;

  AuditEventBuilder(Instant time, AuditEvent.Type type) {
    this.time = time;
    this.type = type;
  }

  public AuditEventBuilder connection(String id) {
    this.connection = id;
    return this;
  }

  /** Who: the client's address (and port), user and groups (sorted, for stable lines). */
  public AuditEventBuilder client(String address, String user, Collection<String> groups) {
    this.client = address;
    this.user = user;
    this.groups = sorted(groups);
    return this;
  }

  // Runs on event loops for every decision: no stream for the usual zero or one group.
  private static List<String> sorted(Collection<String> groups) {
    if (groups == null) {
      return null;
    }
    return switch (groups.size()) {
      case 0 -> List.of();
      case 1 -> List.of(groups.iterator().next());
      default -> groups.stream().sorted().toList();
    };
  }

  public AuditEventBuilder destination(String host, int port, String resolved) {
    this.host = host;
    this.port = port;
    this.resolved = resolved;
    return this;
  }

  /** The address the proxy connected to, once it is known. */
  public AuditEventBuilder resolved(String address) {
    this.resolved = address;
    return this;
  }

  public AuditEventBuilder tls(String sni, List<String> alpn, String ja3, String ja4) {
    this.sni = sni;
    this.alpn = alpn;
    this.ja3 = ja3;
    this.ja4 = ja4;
    return this;
  }

  public AuditEventBuilder agent(String agent, Confidence confidence, List<String> evidence) {
    this.agent = agent;
    this.confidence = confidence;
    this.evidence = evidence;
    return this;
  }

  public AuditEventBuilder decision(Phase phase, Action action, String ruleId, String reason) {
    this.phase = phase;
    this.action = action;
    this.ruleId = ruleId;
    this.reason = reason;
    return this;
  }

  public AuditEventBuilder reports(boolean reportMode, List<AuditReport> reports) {
    this.reportMode = reportMode;
    this.reports = reports;
    return this;
  }

  public AuditEventBuilder policyVersion(String version) {
    this.policyVersion = version;
    return this;
  }

  /** The content hash of the policy in {@link #policyVersion}. */
  public AuditEventBuilder policyHash(String hash) {
    this.policyHash = hash;
    return this;
  }

  public AuditEventBuilder reload(AuditReload reload) {
    this.reload = reload;
    return this;
  }

  public AuditEventBuilder shadow(AuditShadow shadow) {
    this.shadow = shadow;
    return this;
  }

  public AuditEventBuilder traffic(long bytesUp, long bytesDown, long durationMillis) {
    this.bytesUp = bytesUp;
    this.bytesDown = bytesDown;
    this.durationMillis = durationMillis;
    return this;
  }

  /** What inspecting the body of a {@code redact} decision gave. */
  public AuditEventBuilder redaction(String outcome) {
    this.redaction = outcome;
    return this;
  }

  public AuditEventBuilder findings(List<AuditFinding> findings) {
    this.findings = findings;
    return this;
  }

  AuditEventBuilder dropped(long count) {
    this.dropped = count;
    return this;
  }

  public AuditEvent build() {
    return new AuditEvent(
        time,
        type,
        connection,
        client,
        user,
        groups,
        host,
        port,
        resolved,
        sni,
        alpn,
        ja3,
        ja4,
        agent,
        confidence,
        evidence,
        phase,
        action,
        ruleId,
        reason,
        reportMode,
        reports,
        policyVersion,
        policyHash,
        bytesUp,
        bytesDown,
        durationMillis,
        redaction,
        findings,
        dropped,
        reload,
        shadow);
  }
}
