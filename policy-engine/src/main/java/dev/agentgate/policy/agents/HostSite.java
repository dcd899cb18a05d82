package dev.agentgate.policy.agents;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * All catalog endpoints under one host pattern: the host-level view, the path-prefix views (the
 * longest matching prefix wins), and the view for a request whose path is not known yet.
 */
final class HostSite {
  private final HostView connect;
  private final HostView hostLevel;
  private final String[] prefixes;
  private final HostView[] pathViews;

  /** One endpoint of one agent, with the agent's catalog index. */
  record Entry(int agent, AgentDefinition.Endpoint endpoint, boolean agentExclusive) {}

  HostSite(String pattern, List<Entry> entries, String[] ids) {
    List<Entry> hostEntries = new ArrayList<>();
    Map<String, List<Entry>> byPrefix = new LinkedHashMap<>();
    TreeSet<Integer> all = new TreeSet<>();
    for (Entry e : entries) {
      all.add(e.agent());
      String prefix = e.endpoint().pathPrefix();
      if (prefix == null) {
        hostEntries.add(e);
      } else {
        byPrefix.computeIfAbsent(prefix, k -> new ArrayList<>()).add(e);
      }
    }
    this.hostLevel = view(pattern, hostEntries, ids);
    List<String> sorted = new ArrayList<>(byPrefix.keySet());
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.prefixes = sorted.toArray(String[]::new);
    this.pathViews = new HostView[prefixes.length];
    for (int i = 0; i < prefixes.length; i++) {
      pathViews[i] = view(pattern + prefixes[i], byPrefix.get(prefixes[i]), ids);
    }
    int[] union = all.stream().mapToInt(Integer::intValue).toArray();
    // Before the path is known, the host identifies an agent only if no other agent uses any
    // path of it: a path-level endpoint of another agent could be what this connection is for.
    int identifying = union.length == 1 ? hostLevel.identifying : -1;
    this.connect = HostView.of(pattern, union, hostLevel.category, identifying, ids);
  }

  /** The view for {@code path}, or for an unknown path when it is {@code null}. */
  HostView view(String path) {
    if (path == null) {
      return connect;
    }
    for (int i = 0; i < prefixes.length; i++) {
      if (path.startsWith(prefixes[i])) {
        return pathViews[i];
      }
    }
    return hostLevel;
  }

  private static HostView view(String where, List<Entry> entries, String[] ids) {
    TreeSet<Integer> agents = new TreeSet<>();
    String category = null;
    boolean shared = false;
    for (Entry e : entries) {
      agents.add(e.agent());
      if (category == null) {
        category = e.endpoint().category();
      }
      shared |= e.endpoint().shared() || !e.agentExclusive();
    }
    int[] list = agents.stream().mapToInt(Integer::intValue).toArray();
    int identifying = list.length == 1 && !shared ? list[0] : -1;
    return HostView.of(where, list, category, identifying, ids);
  }
}
