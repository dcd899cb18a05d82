package dev.agentgate.proxy.observe.audit;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.agents.Identification;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Builds decision and shadow-disagreement events from the engine's plain values. Only the audited
 * facts are copied: never the request's headers, path or body, so {@code Proxy-Authorization},
 * {@code Authorization}, {@code x-api-key} and cookies cannot reach the log from here.
 */
public final class AuditEvents {

  // Evidence is meant to be short facts ("ja4 family t13d...", "user-agent claude-cli/1.0"); an
  // entry that names a credential-bearing header is dropped rather than trusted.
  private static final List<String> CREDENTIAL_WORDS =
      List.of("authorization", "api-key", "api_key", "apikey", "cookie", "password", "secret");

  private AuditEvents() {}

  /**
   * A decision event for {@code request} at its phase.
   *
   * @param connection the proxy's connection id
   * @param reportMode true when the decision was recorded but not enforced
   */
  public static AuditEventBuilder decision(
      Instant time,
      String connection,
      EgressRequest request,
      Decision decision,
      String policyVersion,
      boolean reportMode) {
    return facts(AuditEvent.decision(time), request, decision)
        .connection(connection)
        .reports(reportMode, reports(decision.reports()))
        .policyVersion(policyVersion);
  }

  /**
   * A shadow disagreement event: the facts and the live decision as a decision event has them
   * (without a connection id: the engine does not know it), and what the shadow would have done.
   */
  public static AuditEventBuilder shadowDisagreement(
      Instant time,
      EgressRequest request,
      Decision live,
      String liveVersion,
      String liveHash,
      AuditShadow shadow) {
    return facts(AuditEvent.shadowDisagreement(time), request, live)
        .policyVersion(liveVersion)
        .policyHash(liveHash)
        .shadow(shadow);
  }

  private static AuditEventBuilder facts(
      AuditEventBuilder event, EgressRequest request, Decision decision) {
    Identification agent = decision.agent();
    return event
        .client(request.clientAddress(), request.user(), request.groups())
        .destination(request.host(), request.port(), null)
        .tls(request.sni(), request.alpn(), request.ja3(), request.ja4())
        .agent(agent.agentOrUnknown(), agent.confidence(), safeEvidence(agent.evidence()))
        .decision(request.phase(), decision.action(), decision.ruleId(), decision.reason());
  }

  private static List<AuditReport> reports(List<Decision.ReportedMatch> reported) {
    if (reported.isEmpty()) {
      return List.of(); // the usual case, on an event loop: no stream
    }
    return reported.stream()
        .map(r -> new AuditReport(r.ruleId(), r.wouldHave(), r.reason()))
        .toList();
  }

  /** The evidence without any entry that mentions a credential-bearing header or word. */
  public static List<String> safeEvidence(List<String> evidence) {
    if (evidence.isEmpty()) {
      return List.of();
    }
    return evidence.stream().filter(e -> !mentionsCredential(e)).toList();
  }

  private static boolean mentionsCredential(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String word : CREDENTIAL_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
