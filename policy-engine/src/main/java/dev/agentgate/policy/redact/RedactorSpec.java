package dev.agentgate.policy.redact;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A redactor as the policy defines it (validated, compiled). The policy names it from rules with
 * {@code action: redact}; the redaction package turns it into a working redactor.
 *
 * @param id the redactor's id in the policy
 * @param detectors names of built-in detectors (see {@link DetectorCatalog})
 * @param patterns custom detectors from the policy
 * @param markers literal strings (e.g. "CONFIDENTIAL-DO-NOT-SHARE") that mark content
 * @param onFinding what a finding does to the request
 * @param onUninspectable what happens to a body that cannot be inspected (default BLOCK)
 * @param maxBodyBytes bodies larger than this are uninspectable
 */
public record RedactorSpec(
    String id,
    List<String> detectors,
    List<CustomPattern> patterns,
    List<String> markers,
    OnFinding onFinding,
    OnUninspectable onUninspectable,
    int maxBodyBytes) {

  public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

  public RedactorSpec {
    Objects.requireNonNull(id, "id");
    detectors = List.copyOf(detectors);
    patterns = List.copyOf(patterns);
    markers = List.copyOf(markers);
    Objects.requireNonNull(onFinding, "onFinding");
    Objects.requireNonNull(onUninspectable, "onUninspectable");
  }

  /** A named custom detector; the name becomes the placeholder type. */
  public record CustomPattern(String name, Pattern pattern) {}

  /** What a finding does: replace it with a typed placeholder, or refuse the request. */
  public enum OnFinding {
    REDACT,
    BLOCK
  }

  /** What to do with a body that cannot be inspected: refuse it (fail closed) or pass it on. */
  public enum OnUninspectable {
    BLOCK,
    ALLOW
  }
}
