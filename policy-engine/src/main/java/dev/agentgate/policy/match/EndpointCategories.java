package dev.agentgate.policy.match;

import dev.agentgate.policy.agents.AgentDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every category the agent catalog gives each destination host, for category conditions. */
public final class EndpointCategories {
  private final Map<String, Set<String>> exact;
  private final List<HostPattern> wildcardHosts;
  private final List<String> wildcardCategories;

  private EndpointCategories(
      Map<String, Set<String>> exact, List<HostPattern> hosts, List<String> categories) {
    this.exact = exact;
    this.wildcardHosts = hosts;
    this.wildcardCategories = categories;
  }

  /** Collects the endpoints of every agent; endpoints with a malformed host are skipped. */
  public static EndpointCategories of(List<AgentDefinition> agents) {
    Map<String, Set<String>> exact = new HashMap<>();
    List<HostPattern> hosts = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    for (AgentDefinition a : agents) {
      for (AgentDefinition.Endpoint e : a.endpoints()) {
        HostPattern p;
        try {
          p = HostPattern.parse(e.host());
        } catch (InvalidPatternException bad) {
          // An AgentCatalog never holds such a host (AgentChecks rejects it when the catalog is
          // built); only unchecked definitions get here, and a bad host names no destination.
          continue;
        }
        if (p.wildcard()) {
          hosts.add(p);
          categories.add(e.category());
        } else {
          exact.computeIfAbsent(p.name(), k -> new HashSet<>()).add(e.category());
        }
      }
    }
    exact.replaceAll((k, v) -> Set.copyOf(v));
    return new EndpointCategories(Map.copyOf(exact), List.copyOf(hosts), List.copyOf(categories));
  }

  /** YES when every category of {@code host} is wanted, NO when none is, else UNKNOWN. */
  public Tri classify(String host, Set<String> wanted) {
    String h = HostPattern.normalize(host);
    boolean anyIn = false;
    boolean anyOut = false;
    Set<String> own = exact.get(h);
    if (own != null) {
      for (String c : own) {
        if (wanted.contains(c)) {
          anyIn = true;
        } else {
          anyOut = true;
        }
      }
    }
    for (int i = 0; i < wildcardHosts.size(); i++) {
      if (wildcardHosts.get(i).matches(h)) {
        if (wanted.contains(wildcardCategories.get(i))) {
          anyIn = true;
        } else {
          anyOut = true;
        }
      }
    }
    if (!anyIn) {
      return Tri.NO;
    }
    return anyOut ? Tri.UNKNOWN : Tri.YES;
  }

  /** Every category named anywhere in the catalog. */
  public Set<String> known() {
    Set<String> all = new HashSet<>(wildcardCategories);
    exact.values().forEach(all::addAll);
    return all;
  }
}
