package dev.agentgate.policy.match;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.HostNames;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Identification;
import java.util.List;
import java.util.Set;

/**
 * {@code agent}: the identified agent is one of {@code ids} (globs already expanded against the
 * catalog), or, with {@code unknown}, no agent is identified.
 *
 * <p>When the agent fact is known: an identification with an agent id is final from the phase it
 * appears in. Before the HTTP phase an identification without an id but with candidates (a host
 * shared by several agents) is open: a rule naming a candidate, or {@code unknown}, answers
 * UNKNOWN, so the proxy looks at the ClientHello and then the headers. The candidates are taken as
 * the complete list of agents still possible; an identification with neither id nor candidates
 * means no known agent talks to this destination. At the HTTP phase the identification is final.
 *
 * <p>A CONNECT to an IP literal names no host: the identifier looks the agent up by the SNI at the
 * TLS phase, so until then the agent is UNKNOWN.
 */
public record AgentCondition(Set<String> ids, boolean unknown, List<String> texts)
    implements Condition {

  @Override
  public String key() {
    return "agent";
  }

  @Override
  public String describe() {
    return "agent " + texts;
  }

  @Override
  public Phase phase() {
    return Phase.CONNECT;
  }

  @Override
  public Tri test(EgressRequest r, Identification agent) {
    if (agent.agentId() != null) {
      return Tri.of(ids.contains(agent.agentId()));
    }
    if (!r.phase().knows(Phase.TLS) && HostNames.isIpLiteral(r.host())) {
      return Tri.UNKNOWN;
    }
    if (r.phase() == Phase.HTTP || agent.candidates().isEmpty()) {
      return Tri.of(unknown);
    }
    if (unknown) {
      return Tri.UNKNOWN;
    }
    for (String candidate : agent.candidates()) {
      if (ids.contains(candidate)) {
        return Tri.UNKNOWN;
      }
    }
    return Tri.NO;
  }
}
