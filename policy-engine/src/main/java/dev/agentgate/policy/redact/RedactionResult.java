package dev.agentgate.policy.redact;

import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a {@link Redactor} did with one request body.
 *
 * <ul>
 *   <li>{@link Outcome#UNCHANGED}: nothing found; forward the original bytes and headers as they
 *       were (still with their Content-Encoding). {@link #body()} is null.
 *   <li>{@link Outcome#REDACTED}: {@link #body()} is the rewritten body, <b>uncompressed</b>: the
 *       caller must drop {@code Content-Encoding} and set {@code Content-Length} to its length (or
 *       send it chunked). Content-Type is unchanged.
 *   <li>{@link Outcome#BLOCKED}: the redactor's {@code on_finding} is {@code block}; refuse the
 *       request (403) naming {@link #detectors()}.
 *   <li>{@link Outcome#UNINSPECTABLE}: the body could not be inspected ({@link #reason()}); the
 *       redactor's {@code on_uninspectable} decides, already folded into {@link #refused()}.
 * </ul>
 *
 * <p>{@link #findings()} never hold a secret value, and {@link #toString()} shows neither values
 * nor the body.
 */
public final class RedactionResult {

  /** The four ways a redaction ends. */
  public enum Outcome {
    UNCHANGED,
    REDACTED,
    BLOCKED,
    UNINSPECTABLE
  }

  private final Outcome outcome;
  private final byte[] body;
  private final List<Finding> findings;
  private final String reason;
  private final ApiShape shape;
  private final boolean refused;

  private RedactionResult(
      Outcome outcome,
      byte[] body,
      List<Finding> findings,
      String reason,
      ApiShape shape,
      boolean refused) {
    this.outcome = Objects.requireNonNull(outcome);
    this.body = body;
    this.findings = List.copyOf(findings);
    this.reason = reason;
    this.shape = shape;
    this.refused = refused;
  }

  static RedactionResult unchanged(ApiShape shape) {
    return new RedactionResult(Outcome.UNCHANGED, null, List.of(), null, shape, false);
  }

  static RedactionResult redacted(byte[] body, List<Finding> findings, ApiShape shape) {
    return new RedactionResult(Outcome.REDACTED, body, findings, null, shape, false);
  }

  static RedactionResult blocked(List<Finding> findings, ApiShape shape) {
    return new RedactionResult(Outcome.BLOCKED, null, findings, null, shape, true);
  }

  static RedactionResult uninspectable(String reason, boolean refused) {
    return new RedactionResult(Outcome.UNINSPECTABLE, null, List.of(), reason, null, refused);
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The rewritten, uncompressed body for {@link Outcome#REDACTED}; null otherwise. */
  public byte[] body() {
    return body == null ? null : body.clone();
  }

  /** Length of {@link #body()} without copying it; -1 when there is none. */
  public int bodyLength() {
    return body == null ? -1 : body.length;
  }

  public List<Finding> findings() {
    return findings;
  }

  /** The distinct detector names of the findings, sorted (for the 403 and metrics). */
  public SortedSet<String> detectors() {
    SortedSet<String> names = new TreeSet<>();
    findings.forEach(f -> names.add(f.detector()));
    return names;
  }

  /** Why the body could not be inspected; null unless {@link Outcome#UNINSPECTABLE}. */
  public String reason() {
    return reason;
  }

  /** What the body was recognised as; null when it could not be inspected. */
  public ApiShape shape() {
    return shape;
  }

  /**
   * Whether the request must be refused: BLOCKED, or UNINSPECTABLE under {@code on_uninspectable:
   * block}.
   */
  public boolean refused() {
    return refused;
  }

  @Override
  public String toString() {
    return "RedactionResult["
        + outcome
        + (shape == null ? "" : ", shape=" + shape)
        + (body == null ? "" : ", body=" + body.length + " bytes")
        + (reason == null ? "" : ", reason=" + reason)
        + ", findings="
        + findings
        + ", refused="
        + refused
        + "]";
  }
}
