package dev.agentgate.policy.agents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agents agentgate knows and the TLS runtime families they ship with. Immutable: {@link
 * #withAgents} returns a new catalog, so a policy's additions never leak into the built-in one.
 */
public final class AgentCatalog {
  /** Classpath resource holding the built-in catalog. */
  public static final String RESOURCE = "/dev/agentgate/policy/agents/catalog.yaml";

  private final Map<String, AgentDefinition> byId;
  private final List<AgentDefinition> agents;
  private final List<AgentDefinition.TlsFamily> families;

  AgentCatalog(List<AgentDefinition> agents, List<AgentDefinition.TlsFamily> families) {
    Map<String, AgentDefinition> map = new LinkedHashMap<>();
    for (AgentDefinition a : agents) {
      map.put(a.id(), a);
    }
    this.byId = Collections.unmodifiableMap(map);
    this.agents = List.copyOf(map.values());
    this.families = List.copyOf(families);
  }

  /** A catalog of exactly these agents and families (tests, tools). */
  public static AgentCatalog of(
      List<AgentDefinition> agents, List<AgentDefinition.TlsFamily> families) {
    return new AgentCatalog(agents, families);
  }

  /** The catalog shipped with agentgate (parsed once, then shared: it is immutable). */
  public static AgentCatalog builtIn() {
    return BuiltIn.CATALOG;
  }

  /** A new catalog: entries of {@code extra} replace agents with the same id, others are added. */
  public AgentCatalog withAgents(List<AgentDefinition> extra) {
    List<AgentDefinition> merged = new ArrayList<>(agents);
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < merged.size(); i++) {
      index.put(merged.get(i).id(), i);
    }
    for (AgentDefinition a : extra) {
      Integer at = index.get(a.id());
      if (at == null) {
        index.put(a.id(), merged.size());
        merged.add(a);
      } else {
        merged.set(at, a);
      }
    }
    return new AgentCatalog(merged, families);
  }

  public Optional<AgentDefinition> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Agent ids in catalog order. */
  public Set<String> ids() {
    return byId.keySet();
  }

  public List<AgentDefinition> agents() {
    return agents;
  }

  public List<AgentDefinition.TlsFamily> families() {
    return families;
  }

  /** Lazy holder: the resource is parsed on first use only. */
  private static final class BuiltIn {
    static final AgentCatalog CATALOG = CatalogReader.readResource(RESOURCE);
  }
}
