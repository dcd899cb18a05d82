package dev.agentgate.policy.agents;

import dev.agentgate.policy.EgressRequest;

/** The catalog-backed identifier (work in progress: the API is fixed, the logic follows). */
final class CatalogIdentifier implements AgentIdentifier {
  private final AgentCatalog catalog;

  CatalogIdentifier(AgentCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Identification identify(EgressRequest facts) {
    return Identification.UNKNOWN;
  }
}
