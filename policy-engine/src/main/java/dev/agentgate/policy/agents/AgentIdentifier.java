package dev.agentgate.policy.agents;

import dev.agentgate.policy.EgressRequest;

/**
 * Turns the facts of one phase into an {@link Identification}. Implementations precompute their
 * lookup tables once and are immutable, so {@link #identify} is cheap and safe on any thread.
 */
public interface AgentIdentifier {

  /** An identifier over {@code catalog}; build it once per catalog (it indexes the hosts). */
  static AgentIdentifier of(AgentCatalog catalog) {
    return new CatalogIdentifier(catalog);
  }

  /** Who is talking, from the facts known at {@code facts.phase()} only. */
  Identification identify(EgressRequest facts);
}
