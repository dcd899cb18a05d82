package dev.agentgate.policy.agents;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which agent the request headers claim to be. A User-Agent prefix weighs more than one header
 * marker; the highest score wins, a tie is broken by the destination's agents, and a tie that
 * remains is no claim. Marker tests are built once, here ({@link ValueMatcher}).
 */
final class HeaderClaims {
  private static final int USER_AGENT_WEIGHT = 4;

  private final int agentCount;
  private final String[] uaPrefixes;
  private final int[] uaAgents;
  private final String[] uaEvidence;
  private final Map<String, Marker[]> markers;
  private final Marker[][] markersByAgent;

  /** The outcome: an agent (index, or -1), the agents tied when there is none, and evidence. */
  record Claim(int agent, int[] tied, List<String> evidence) {
    static final Claim NONE = new Claim(-1, new int[0], List.of());
  }

  /** One header marker of one agent. */
  private record Marker(int agent, String name, ValueMatcher value, String evidence) {
    boolean matches(List<String> values) {
      for (int i = 0; i < values.size(); i++) {
        if (value.test(values.get(i))) {
          return true;
        }
      }
      return false;
    }
  }

  HeaderClaims(List<AgentDefinition> agents) {
    this.agentCount = agents.size();
    List<String> prefixes = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    Map<String, List<Marker>> byName = new HashMap<>();
    for (int i = 0; i < agents.size(); i++) {
      AgentDefinition a = agents.get(i);
      for (String p : a.userAgentPrefixes()) {
        prefixes.add(p);
        owners.add(i);
      }
      for (Map.Entry<String, String> m : a.headerMarkers().entrySet()) {
        String name = m.getKey().toLowerCase(Locale.ROOT);
        boolean presence = ".*".equals(m.getValue()) || m.getValue().isEmpty();
        String evidence =
            presence
                ? "header " + name + " present"
                : "header " + name + " matches " + m.getValue();
        byName
            .computeIfAbsent(name, k -> new ArrayList<>())
            .add(new Marker(i, name, ValueMatcher.of(m.getValue()), evidence));
      }
    }
    this.uaPrefixes = prefixes.toArray(String[]::new);
    this.uaAgents = owners.stream().mapToInt(Integer::intValue).toArray();
    this.uaEvidence = new String[uaPrefixes.length];
    for (int i = 0; i < uaPrefixes.length; i++) {
      uaEvidence[i] = "user-agent starts with " + uaPrefixes[i];
    }
    this.markers = new HashMap<>();
    byName.forEach((name, list) -> markers.put(name, list.toArray(Marker[]::new)));
    // Evidence lists a claim's markers in catalog order, not in the request's map order.
    this.markersByAgent = new Marker[agentCount][];
    for (int i = 0; i < agentCount; i++) {
      final int agent = i;
      markersByAgent[i] =
          byName.values().stream()
              .flatMap(List::stream)
              .filter(m -> m.agent() == agent)
              .sorted(Comparator.comparing(Marker::name))
              .toArray(Marker[]::new);
    }
  }

  /** The agent {@code headers} (lower-case names) claim, preferring agents of {@code view}. */
  Claim claim(Map<String, List<String>> headers, HostView view) {
    if (headers.isEmpty()) {
      return Claim.NONE;
    }
    int[] score = new int[agentCount];
    String ua = first(headers.get("user-agent"));
    if (ua != null) {
      for (int i = 0; i < uaPrefixes.length; i++) {
        if (ua.regionMatches(true, 0, uaPrefixes[i], 0, uaPrefixes[i].length())) {
          score[uaAgents[i]] += USER_AGENT_WEIGHT;
        }
      }
    }
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      Marker[] ms = markers.get(h.getKey().toLowerCase(Locale.ROOT));
      if (ms != null) {
        for (Marker m : ms) {
          if (m.matches(h.getValue())) {
            score[m.agent()]++;
          }
        }
      }
    }
    return decide(score, headers, ua, view);
  }

  private Claim decide(int[] score, Map<String, List<String>> headers, String ua, HostView view) {
    int best = 0;
    int count = 0;
    for (int s : score) {
      if (s > best) {
        best = s;
        count = 1;
      } else if (s == best && s > 0) {
        count++;
      }
    }
    if (best == 0) {
      return Claim.NONE;
    }
    int[] tied = new int[count];
    int n = 0;
    for (int i = 0; i < score.length; i++) {
      if (score[i] == best) {
        tied[n++] = i;
      }
    }
    int winner = tied.length == 1 ? tied[0] : onlyOneIn(tied, view);
    if (winner < 0) {
      return new Claim(-1, tied, List.of());
    }
    return new Claim(winner, new int[0], evidence(winner, headers, ua));
  }

  private static int onlyOneIn(int[] tied, HostView view) {
    int found = -1;
    for (int a : tied) {
      if (view.contains(a)) {
        if (found >= 0) {
          return -1;
        }
        found = a;
      }
    }
    return found;
  }

  private List<String> evidence(int agent, Map<String, List<String>> headers, String ua) {
    List<String> out = new ArrayList<>(4);
    if (ua != null) {
      for (int i = 0; i < uaPrefixes.length; i++) {
        if (uaAgents[i] == agent
            && ua.regionMatches(true, 0, uaPrefixes[i], 0, uaPrefixes[i].length())) {
          out.add(uaEvidence[i]);
        }
      }
    }
    for (Marker m : markersByAgent[agent]) {
      List<String> values = headers.get(m.name());
      if (values != null && m.matches(values)) {
        out.add(m.evidence());
      }
    }
    return out;
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
