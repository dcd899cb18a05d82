package dev.agentgate.policy.match;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.HostNames;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Identification;
import java.util.List;
import java.util.Set;

/**
 * {@code category}: the purpose of the destination in the agent catalog (model-api, telemetry,
 * auth, update, ...). Before the HTTP phase the answer comes from every category the catalog gives
 * the host, because a path can change it (telemetry on a model API host): YES when all of them are
 * listed, NO when none is, UNKNOWN otherwise. At the HTTP phase the identifier's category decides.
 * For a CONNECT to an IP literal the host is the SNI, so the category is UNKNOWN until TLS.
 */
public record CategoryCondition(
    Set<String> categories, EndpointCategories catalog, List<String> texts) implements Condition {

  @Override
  public String key() {
    return "category";
  }

  @Override
  public String describe() {
    return "category " + texts;
  }

  @Override
  public Phase phase() {
    return Phase.CONNECT;
  }

  @Override
  public Tri test(EgressRequest r, Identification agent) {
    if (r.phase() == Phase.HTTP) {
      return Tri.of(
          agent.endpointCategory() != null && categories.contains(agent.endpointCategory()));
    }
    String host = r.host();
    if (HostNames.isIpLiteral(host)) {
      if (!r.phase().knows(Phase.TLS)) {
        return Tri.UNKNOWN;
      }
      if (r.tls() && r.sni() != null && !r.sni().isEmpty()) {
        host = r.sni();
      }
    }
    return catalog.classify(host, categories);
  }
}
