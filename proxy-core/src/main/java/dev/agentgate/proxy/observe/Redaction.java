package dev.agentgate.proxy.observe;

import dev.agentgate.policy.redact.Finding;
import java.util.List;
import java.util.Objects;

/**
 * What inspecting one request body under a {@code redact} decision gave, for observers: the
 * outcome, the findings (detector, location, count, short hash; never a value) and, when the body
 * could not be inspected, why.
 *
 * @param outcome what happened to the request
 * @param findings what the redactor found (empty unless REDACTED or BLOCKED)
 * @param reason why the body was uninspectable or the exchange ended early, else {@code null}
 * @param inspectedBytes the size of the body as received (0 when none was read)
 */
public record Redaction(
    Outcome outcome, List<Finding> findings, String reason, long inspectedBytes) {

  /** How a redacted request ended. */
  public enum Outcome {
    /** Nothing found (or no body): forwarded as it was. */
    UNCHANGED,
    /** Secrets replaced by placeholders; the rewritten body was forwarded. */
    REDACTED,
    /** Findings under {@code on_finding: block}: refused with 403 naming the detectors. */
    BLOCKED,
    /** The body could not be inspected and {@code on_uninspectable: block} refused it. */
    UNINSPECTABLE_REFUSED,
    /** The body could not be inspected and {@code on_uninspectable: allow} let it through. */
    UNINSPECTABLE_ALLOWED,
    /** The client went away (or the proxy failed) before the body was inspected. */
    ABANDONED;

    /** True when the request was refused because of the body. */
    public boolean refused() {
      return this == BLOCKED || this == UNINSPECTABLE_REFUSED;
    }
  }

  public Redaction {
    Objects.requireNonNull(outcome, "outcome");
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  /** A request whose body was not read: nothing to report but the outcome and why. */
  public static Redaction of(Outcome outcome, String reason) {
    return new Redaction(outcome, List.of(), reason, 0);
  }
}
