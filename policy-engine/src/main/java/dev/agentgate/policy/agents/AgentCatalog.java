package dev.agentgate.policy.agents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agents agentgate knows and the TLS runtime families they ship with. Immutable and validated
 * on construction: {@link #withAgents} returns a new catalog, so a policy's additions never leak
 * into the built-in one. Build an {@link AgentIdentifier} from it once, not per request.
 */
public final class AgentCatalog {
  /** Classpath resource holding the built-in catalog. */
  public static final String RESOURCE = "/dev/agentgate/policy/agents/catalog.yaml";

  private final Map<String, AgentDefinition> byId;
  private final List<AgentDefinition> agents;
  private final List<AgentDefinition.TlsFamily> families;
  private final Set<String> familyIds;

  private AgentCatalog(
      Map<String, AgentDefinition> byId, List<AgentDefinition.TlsFamily> families) {
    this.byId = Collections.unmodifiableMap(byId);
    this.agents = List.copyOf(byId.values());
    this.families = List.copyOf(families);
    Set<String> ids = new LinkedHashSet<>();
    families.forEach(f -> ids.add(f.id()));
    this.familyIds = Collections.unmodifiableSet(ids);
    List<String> problems = new ArrayList<>();
    if (families.size() > Ja4Families.MAX) {
      problems.add("families: " + families.size() + " (expected: at most " + Ja4Families.MAX + ")");
    }
    if (ids.size() != families.size()) {
      problems.add("families: duplicate ids (expected: each id once)");
    }
    for (AgentDefinition.TlsFamily f : families) {
      AgentChecks.problems(f).forEach(p -> problems.add("family " + f.id() + ": " + p));
    }
    for (AgentDefinition a : agents) {
      check(a).forEach(p -> problems.add("agent " + a.id() + ": " + p));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
  }

  /**
   * A catalog of exactly these agents and families.
   *
   * @throws IllegalArgumentException listing every problem (duplicate ids, bad host patterns,
   *     categories, regexes, unknown family ids)
   */
  public static AgentCatalog of(
      List<AgentDefinition> agents, List<AgentDefinition.TlsFamily> families) {
    Map<String, AgentDefinition> map = new LinkedHashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (AgentDefinition a : agents) {
      if (map.putIfAbsent(a.id(), a) != null) {
        duplicates.add("agent " + a.id() + ": duplicate id (expected: each id once)");
      }
    }
    if (!duplicates.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", duplicates));
    }
    return new AgentCatalog(map, families);
  }

  /** The catalog shipped with agentgate (parsed once, then shared: it is immutable). */
  public static AgentCatalog builtIn() {
    return BuiltIn.CATALOG;
  }

  /**
   * A new catalog: entries of {@code extra} replace agents with the same id (in place, keeping the
   * catalog order), others are appended; a later entry of {@code extra} wins over an earlier one.
   *
   * @throws IllegalArgumentException when an entry has a problem {@link #check} reports
   */
  public AgentCatalog withAgents(List<AgentDefinition> extra) {
    Map<String, AgentDefinition> merged = new LinkedHashMap<>(byId);
    for (AgentDefinition a : extra) {
      merged.put(a.id(), a);
    }
    return new AgentCatalog(merged, families);
  }

  /** Problems {@code agent} would have in this catalog (empty when it is fine). */
  public List<String> check(AgentDefinition agent) {
    return AgentChecks.problems(agent, familyIds);
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
