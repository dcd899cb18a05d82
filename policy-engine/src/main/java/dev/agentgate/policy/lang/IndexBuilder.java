package dev.agentgate.policy.lang;

import dev.agentgate.policy.match.AgentCondition;
import dev.agentgate.policy.match.Condition;
import dev.agentgate.policy.match.FactConditions;
import dev.agentgate.policy.match.HostPattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link RuleIndex}: files each rule under the indexable condition with the fewest rules
 * sharing its key, so a bucket stays small however the policy grows (a rule for one agent and one
 * group goes under the group when fewer rules name that group than that agent). A JA4 condition
 * costs every JA4-filed rule, since all of them are candidates before the TLS phase. Source
 * networks are keyed by their first octets (IPv4, /8 or longer). Ties prefer host, agent, group,
 * source.
 */
final class IndexBuilder {
  private enum Kind {
    HOST,
    AGENT,
    GROUP,
    SOURCE,
    JA4
  }

  final Map<String, List<Integer>> hostExact = new HashMap<>();
  final Map<String, List<Integer>> hostSuffix = new HashMap<>();
  final Map<String, List<Integer>> agents = new HashMap<>();
  final List<Integer> agentUnknown = new ArrayList<>();
  final List<Integer> agentAll = new ArrayList<>();
  final Map<String, List<Integer>> ja4Exact = new HashMap<>();
  final Map<String, List<Integer>> ja4Prefix = new HashMap<>();
  final List<Integer> ja4All = new ArrayList<>();
  final Map<String, List<Integer>> groups = new HashMap<>();
  final Map<String, List<Integer>> sources = new HashMap<>();
  final List<Integer> always = new ArrayList<>();

  private final Map<String, Integer> keyCounts = new HashMap<>();
  private int ja4Rules;

  private IndexBuilder() {}

  static RuleIndex build(List<Rule> rules) {
    IndexBuilder b = new IndexBuilder();
    rules.forEach(b::count);
    rules.forEach(b::file);
    return new RuleIndex(b);
  }

  private void count(Rule rule) {
    for (Condition c : rule.conditions()) {
      for (String key : keys(c)) {
        keyCounts.merge(key, 1, Integer::sum);
      }
      if (c instanceof FactConditions.Fingerprint fp && fp.ja4()) {
        ja4Rules++;
      }
    }
  }

  private void file(Rule rule) {
    Condition best = null;
    long bestCost = Long.MAX_VALUE;
    for (Kind kind : Kind.values()) {
      for (Condition c : rule.conditions()) {
        if (kindOf(c) == kind) {
          long cost = kind == Kind.JA4 ? ja4Rules : maxCount(c);
          if (cost < bestCost) {
            best = c;
            bestCost = cost;
          }
        }
      }
    }
    int i = rule.index;
    if (best instanceof FactConditions.Host host) {
      for (HostPattern p : host.hosts().patterns()) {
        add(p.wildcard() ? hostSuffix : hostExact, p.name(), i);
      }
    } else if (best instanceof AgentCondition agent) {
      agentAll.add(i);
      agent.ids().forEach(id -> add(agents, id, i));
      if (agent.unknown()) {
        agentUnknown.add(i);
      }
    } else if (best instanceof FactConditions.Group g) {
      g.groups().forEach(name -> add(groups, name, i));
    } else if (best instanceof FactConditions.Source s) {
      s.networks().ipv4IndexKeys().forEach(key -> add(sources, key, i));
    } else if (best instanceof FactConditions.Fingerprint fp) {
      ja4All.add(i);
      fp.patterns().exactValues().forEach(v -> add(ja4Exact, v, i));
      fp.patterns().prefixes().forEach(p -> add(ja4Prefix, p, i));
    } else {
      always.add(i);
    }
  }

  private long maxCount(Condition c) {
    long max = 0;
    for (String key : keys(c)) {
      max = Math.max(max, keyCounts.getOrDefault(key, 0));
    }
    return max;
  }

  private static Kind kindOf(Condition c) {
    if (c instanceof FactConditions.Host) {
      return Kind.HOST;
    }
    if (c instanceof AgentCondition) {
      return Kind.AGENT;
    }
    if (c instanceof FactConditions.Group) {
      return Kind.GROUP;
    }
    if (c instanceof FactConditions.Source s && !s.networks().ipv4IndexKeys().isEmpty()) {
      return Kind.SOURCE;
    }
    if (c instanceof FactConditions.Fingerprint fp && fp.ja4()) {
      return Kind.JA4;
    }
    return null;
  }

  /** The index keys a condition would be filed under, prefixed by kind. */
  private static List<String> keys(Condition c) {
    List<String> out = new ArrayList<>();
    if (c instanceof FactConditions.Host host) {
      host.hosts().patterns().forEach(p -> out.add("host:" + p));
    } else if (c instanceof AgentCondition agent) {
      agent.ids().forEach(id -> out.add("agent:" + id));
      if (agent.unknown()) {
        out.add("agent-unknown");
      }
    } else if (c instanceof FactConditions.Group g) {
      g.groups().forEach(name -> out.add("group:" + name));
    } else if (c instanceof FactConditions.Source s) {
      s.networks().ipv4IndexKeys().forEach(key -> out.add("source:" + key));
    }
    return out;
  }

  private static void add(Map<String, List<Integer>> map, String key, int index) {
    map.computeIfAbsent(key, k -> new ArrayList<>()).add(index);
  }
}
