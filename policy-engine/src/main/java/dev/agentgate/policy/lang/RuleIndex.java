package dev.agentgate.policy.lang;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.HostNames;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Identification;
import dev.agentgate.policy.match.CidrSet;
import dev.agentgate.policy.match.HostPattern;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the rules that can apply to a request with a few hash lookups instead of a scan. Each rule
 * is filed under one of its conditions: host (exact and suffix maps), agent, group, source network
 * or JA4 (see {@link IndexBuilder} for which); a rule with none of them is always a candidate.
 * Filing under one AND-ed condition is sound: when that condition is NO the rule is NO. A JA4-filed
 * rule is a candidate for every request before the TLS phase, where its JA4 is still unknown; so is
 * an agent-filed rule for a CONNECT to an IP literal, whose agent the SNI may still name.
 */
final class RuleIndex {
  private final Map<String, int[]> hostExact;
  private final Map<String, int[]> hostSuffix;
  private final boolean[] suffixLengths;
  private final Map<String, int[]> agents;
  private final int[] agentUnknown;
  private final int[] agentAll;
  private final Map<String, int[]> ja4Exact;
  private final Map<String, int[]> ja4Prefix;
  private final int[] ja4PrefixLengths;
  private final int[] ja4All;
  private final Map<String, int[]> groups;
  private final int[][] sourcesByOctet;
  private final int[] source16Keys;
  private final int[][] source16Lists;
  private final boolean hasSources;
  private final int[] always;

  RuleIndex(IndexBuilder b) {
    hostExact = freeze(b.hostExact);
    hostSuffix = freeze(b.hostSuffix);
    suffixLengths =
        new boolean[b.hostSuffix.keySet().stream().mapToInt(String::length).max().orElse(0) + 1];
    b.hostSuffix.keySet().forEach(k -> suffixLengths[k.length()] = true);
    agents = freeze(b.agents);
    agentUnknown = toArray(b.agentUnknown);
    agentAll = toArray(b.agentAll);
    ja4Exact = freeze(b.ja4Exact);
    ja4Prefix = freeze(b.ja4Prefix);
    ja4PrefixLengths =
        new TreeSet<>(b.ja4Prefix.keySet().stream().map(String::length).toList())
            .stream().mapToInt(Integer::intValue).toArray();
    ja4All = toArray(b.ja4All);
    groups = freeze(b.groups);
    sourcesByOctet = new int[256][];
    Map<Integer, int[]> by16 = new java.util.TreeMap<>();
    freeze(b.sources)
        .forEach(
            (key, list) -> {
              int value = Integer.parseInt(key.substring(key.indexOf(':') + 1));
              if (key.startsWith("8:")) {
                sourcesByOctet[value] = list;
              } else {
                by16.put(value, list);
              }
            });
    source16Keys = by16.keySet().stream().mapToInt(Integer::intValue).toArray();
    source16Lists = by16.values().toArray(new int[0][]);
    hasSources = !b.sources.isEmpty();
    always = toArray(b.always);
  }

  static RuleIndex of(List<Rule> rules) {
    return IndexBuilder.build(rules);
  }

  /** The candidate rules for {@code request}, in rule order. */
  Candidates candidates(EgressRequest request, Identification agent) {
    Candidates c = new Candidates();
    c.add(always);
    String host = HostPattern.normalize(request.host());
    c.add(hostExact.get(host));
    if (!hostSuffix.isEmpty()) {
      for (int i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) {
        int length = host.length() - i - 1;
        // Look up only suffix lengths some rule uses: no substring for the others.
        if (length < suffixLengths.length && suffixLengths[length]) {
          c.add(hostSuffix.get(host.substring(i + 1)));
        }
      }
    }
    if (agent.agentId() != null) {
      c.add(agents.get(agent.agentId()));
    } else {
      c.add(agentUnknown);
      if (!request.phase().knows(Phase.TLS) && HostNames.isIpLiteral(request.host())) {
        c.add(agentAll); // the SNI may name any agent: see AgentCondition
      } else if (request.phase() != Phase.HTTP) {
        for (String candidate : agent.candidates()) {
          c.add(agents.get(candidate));
        }
      }
    }
    if (!request.phase().knows(Phase.TLS)) {
      c.add(ja4All);
    } else if (request.tls() && request.ja4() != null) {
      String ja4 = request.ja4();
      c.add(ja4Exact.get(ja4));
      for (int length : ja4PrefixLengths) {
        if (ja4.length() >= length) {
          c.add(ja4Prefix.get(ja4.substring(0, length)));
        }
      }
    }
    for (String g : request.groups()) {
      c.add(groups.get(g));
    }
    if (hasSources) {
      long v4 = CidrSet.clientIpv4(request.clientAddress());
      if (v4 >= 0) {
        c.add(sourcesByOctet[(int) (v4 >>> 24)]);
        int at = Arrays.binarySearch(source16Keys, (int) (v4 >>> 16));
        c.add(at >= 0 ? source16Lists[at] : null);
      }
    }
    return c;
  }

  private static Map<String, int[]> freeze(Map<String, List<Integer>> lists) {
    Map<String, int[]> out = new HashMap<>(lists.size() * 2);
    lists.forEach((k, v) -> out.put(k, toArray(v)));
    return out;
  }

  /** The indices, ascending as filed, without the repeats of a rule filed twice under one key. */
  private static int[] toArray(List<Integer> list) {
    int[] out = new int[list.size()];
    int n = 0;
    for (int i : list) {
      if (n == 0 || out[n - 1] != i) {
        out[n++] = i;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }
}
