package dev.agentgate.proxy.pipeline.intercept;

import dev.agentgate.policy.PolicyEngine;
import dev.agentgate.policy.lang.CompiledPolicy;
import dev.agentgate.policy.redact.Redactor;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The working redactors a policy's {@code redact} decisions name, by id. Compiled once per policy
 * (compiling builds the detectors' automaton), never per request.
 */
@FunctionalInterface
public interface Redactors {
  /** No redactors: every {@code redact} decision fails closed. */
  Redactors NONE = id -> Optional.empty();

  /** The redactor with this id, if the policy defines one. */
  Optional<Redactor> forId(String id);

  /** The redactors of {@code engine} when it is a compiled policy, else {@link #NONE}. */
  static Redactors of(PolicyEngine engine) {
    if (!(engine instanceof CompiledPolicy policy)) {
      return NONE;
    }
    Map<String, Redactor> compiled = new HashMap<>();
    policy.redactors().forEach((id, spec) -> compiled.put(id, new Redactor(spec)));
    Map<String, Redactor> byId = Map.copyOf(compiled);
    return id -> Optional.ofNullable(id == null ? null : byId.get(id));
  }
}
