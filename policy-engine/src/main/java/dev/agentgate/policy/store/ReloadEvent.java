package dev.agentgate.policy.store;

import dev.agentgate.policy.lang.PolicyError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one attempt to change a store's policy (a load, a push, a rollback), for the
 * caller, {@code /readyz}, metrics and the audit log.
 *
 * @param role the store's role (live or shadow)
 * @param source where the attempt came from
 * @param origin the file path or "admin-api"
 * @param result what happened
 * @param errors why it was rejected (empty unless REJECTED or ERROR); a signature or read problem
 *     has line and column 0
 * @param attemptedHash SHA-256 of the offered bytes, or {@code null} when nothing could be read
 * @param live the policy in force after the attempt (the last good one when rejected), or {@code
 *     null} while the store has none
 * @param previous the policy in force before the attempt, or {@code null}
 * @param at when the attempt finished
 * @param compileTime time spent verifying and compiling (zero for a rollback)
 */
public record ReloadEvent(
    PolicyRole role,
    PolicySource source,
    String origin,
    Result result,
    List<PolicyError> errors,
    String attemptedHash,
    PolicySnapshot live,
    PolicySnapshot previous,
    Instant at,
    Duration compileTime) {

  public ReloadEvent {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(result, "result");
    errors = List.copyOf(errors);
  }

  /** What an attempt did. */
  public enum Result {
    /** The offered policy is live now. */
    APPLIED,
    /** The offered policy is the one already live (same content hash): nothing changed. */
    UNCHANGED,
    /** The policy failed to parse, validate or verify; the last good one stays live. */
    REJECTED,
    /** The policy could not be read (I/O); the last good one stays live. */
    ERROR
  }

  /** True when the live policy changed. */
  public boolean changed() {
    return result == Result.APPLIED;
  }
}
