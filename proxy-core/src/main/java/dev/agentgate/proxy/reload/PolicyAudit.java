package dev.agentgate.proxy.reload;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.lang.PolicyError;
import dev.agentgate.policy.store.PolicyListener;
import dev.agentgate.policy.store.PolicySnapshot;
import dev.agentgate.policy.store.ReloadEvent;
import dev.agentgate.policy.store.ShadowDisagreement;
import dev.agentgate.proxy.observe.audit.AuditEvent;
import dev.agentgate.proxy.observe.audit.AuditEvents;
import dev.agentgate.proxy.observe.audit.AuditReload;
import dev.agentgate.proxy.observe.audit.AuditShadow;
import dev.agentgate.proxy.observe.audit.AuditSink;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes every policy reload (live and shadow, applied or not) and every shadow disagreement to the
 * audit log. A rejection carries its error count and the first few errors, shortened: enough to see
 * why, never the policy text. The sink never blocks, so disagreements may be recorded from the
 * event loop that decided.
 */
public final class PolicyAudit implements PolicyListener {
  /** Errors beyond this many are counted, not listed. */
  static final int MAX_ERRORS = 5;

  /** Longer error lines are cut here (a message may quote a long value from the policy). */
  static final int MAX_ERROR_CHARS = 200;

  private final AuditSink sink;
  private final Clock clock;

  public PolicyAudit(AuditSink sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  @Override
  public void reloaded(ReloadEvent e) {
    PolicySnapshot live = e.live();
    PolicySnapshot previous = e.previous();
    sink.record(
        AuditEvent.policyReload(e.at() == null ? Instant.now(clock) : e.at())
            .policyVersion(live == null ? null : live.version())
            .policyHash(live == null ? null : live.contentHash())
            .reload(
                new AuditReload(
                    lower(e.role()),
                    lower(e.source()),
                    e.origin(),
                    lower(e.result()),
                    e.attemptedHash(),
                    previous == null ? null : previous.version(),
                    e.errors().size(),
                    firstErrors(e.errors())))
            .build());
  }

  @Override
  public void shadowDisagreed(ShadowDisagreement d) {
    Decision would = d.shadow();
    sink.record(
        AuditEvents.shadowDisagreement(
                Instant.now(clock),
                d.request(),
                d.live(),
                d.liveVersion(),
                d.liveHash(),
                new AuditShadow(
                    would.ruleId(),
                    would.action(),
                    would.reason(),
                    d.shadowVersion(),
                    d.shadowHash()))
            .build());
  }

  static List<String> firstErrors(List<PolicyError> errors) {
    List<String> out = new ArrayList<>(Math.min(errors.size(), MAX_ERRORS));
    for (int i = 0; i < errors.size() && i < MAX_ERRORS; i++) {
      String line = PolicyRuntime.describe(errors.get(i));
      out.add(line.length() <= MAX_ERROR_CHARS ? line : line.substring(0, MAX_ERROR_CHARS) + "...");
    }
    return out;
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
