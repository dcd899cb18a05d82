package dev.agentgate.policy.agents;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Host lookup, built once per catalog: exact hosts in a hash map, "*.suffix" patterns checked
 * longest first with {@code endsWith}, so the most specific pattern wins and a lookup allocates
 * nothing.
 */
final class HostIndex {
  private final Map<String, HostSite> exact;
  private final String[] suffixes;
  private final HostSite[] suffixSites;

  HostIndex(List<AgentDefinition> agents, String[] ids) {
    Map<String, List<HostSite.Entry>> exactEntries = new LinkedHashMap<>();
    Map<String, List<HostSite.Entry>> suffixEntries = new LinkedHashMap<>();
    for (int i = 0; i < agents.size(); i++) {
      AgentDefinition agent = agents.get(i);
      for (AgentDefinition.Endpoint e : agent.endpoints()) {
        String host = e.host();
        Map<String, List<HostSite.Entry>> target =
            host.startsWith("*.") ? suffixEntries : exactEntries;
        target
            .computeIfAbsent(host, k -> new ArrayList<>())
            .add(new HostSite.Entry(i, e, agent.exclusiveHosts()));
      }
    }
    this.exact = new HashMap<>();
    exactEntries.forEach((host, list) -> exact.put(host, new HostSite(host, list, ids)));
    List<String> patterns = new ArrayList<>(suffixEntries.keySet());
    patterns.sort(Comparator.comparingInt(String::length).reversed());
    this.suffixes = new String[patterns.size()];
    this.suffixSites = new HostSite[patterns.size()];
    for (int i = 0; i < suffixes.length; i++) {
      String pattern = patterns.get(i);
      suffixes[i] = pattern.substring(1); // ".cursor.sh": a subdomain, never the bare name
      suffixSites[i] = new HostSite(pattern, suffixEntries.get(pattern), ids);
    }
  }

  /** The most specific site for a lower-case host, or {@code null} when the catalog lacks it. */
  HostSite find(String host) {
    HostSite site = exact.get(host);
    if (site != null) {
      return site;
    }
    for (int i = 0; i < suffixes.length; i++) {
      if (host.endsWith(suffixes[i]) && host.length() > suffixes[i].length()) {
        return suffixSites[i];
      }
    }
    return null;
  }
}
