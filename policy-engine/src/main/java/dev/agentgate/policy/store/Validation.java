package dev.agentgate.policy.store;

import dev.agentgate.policy.lang.CompiledPolicy;
import dev.agentgate.policy.lang.PolicyError;
import java.time.Duration;
import java.util.List;

/**
 * What a store would do with a policy text, without applying it.
 *
 * @param policy the compiled policy, or {@code null} when there are errors
 * @param errors parse, validation and signature errors, in source order (signature first)
 * @param contentHash SHA-256 of the bytes, lower-case hex
 * @param signedBy the verifying key's fingerprint, or {@code null} when unsigned
 * @param compileTime time spent verifying and compiling
 */
public record Validation(
    CompiledPolicy policy,
    List<PolicyError> errors,
    String contentHash,
    String signedBy,
    Duration compileTime) {

  public Validation {
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return policy != null;
  }
}
