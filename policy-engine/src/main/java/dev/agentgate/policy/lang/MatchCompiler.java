package dev.agentgate.policy.lang;

import dev.agentgate.policy.match.AgentCondition;
import dev.agentgate.policy.match.CategoryCondition;
import dev.agentgate.policy.match.CidrSet;
import dev.agentgate.policy.match.Condition;
import dev.agentgate.policy.match.FactConditions;
import dev.agentgate.policy.match.FlagCondition;
import dev.agentgate.policy.match.Glob;
import dev.agentgate.policy.match.HostPattern;
import dev.agentgate.policy.match.HostSet;
import dev.agentgate.policy.match.InvalidPatternException;
import dev.agentgate.policy.match.NameMatcher;
import dev.agentgate.policy.match.PortSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles a rule's {@code match} map into conditions (several keys: all must hold; a list: any
 * value may). Keys of the CONNECT phase come first so a NO is found before later-phase keys. TLS
 * and HTTP keys are compiled by {@link LaterPhaseKeys}.
 */
final class MatchCompiler {
  static final List<String> KEYS =
      List.of(
          "agent",
          "category",
          "host",
          "port",
          "user",
          "group",
          "source",
          "ip_literal",
          "sni",
          "alpn",
          "ja3",
          "ja4",
          "sni_mismatch",
          "no_sni",
          "tls",
          "impersonation",
          "method",
          "path",
          "header");

  private static final String AGENT_EXPECTED =
      "an agent id of the catalog or of the policy's agents, a glob such as \"github-copilot-*\","
          + " or unknown";

  private final Problems problems;
  private final Values values;
  private final MatchContext context;
  private final LaterPhaseKeys later;

  MatchCompiler(Problems problems, MatchContext context) {
    this.problems = problems;
    this.values = new Values(problems);
    this.context = context;
    this.later = new LaterPhaseKeys(problems, values);
  }

  /** The conditions of {@code node} (a map, or absent for "match everything"). */
  List<Condition> compile(Node node) {
    List<Condition> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    Fields fields = Fields.of(node, "match", KEYS, problems);
    if (fields == null) {
      return out;
    }
    for (Node.Entry e : fields.entries()) {
      if (KEYS.contains(e.key())) {
        Condition c = compileKey(e.key(), fields.name(e.key()), e.value());
        if (c != null) {
          out.add(c);
        }
      }
    }
    out.sort(Comparator.comparing(Condition::phase));
    return out;
  }

  private Condition compileKey(String key, String name, Node value) {
    switch (key) {
      case "agent":
        return agent(name, value);
      case "category":
        return category(name, value);
      case "host":
        HostSet hosts = hostSet(name, value);
        return hosts == null ? null : new FactConditions.Host(hosts);
      case "port":
        return port(name, value);
      case "user":
        return user(name, value);
      case "group":
        return group(name, value);
      case "source":
        return source(name, value);
      case "sni":
        HostSet names = hostSet(name, value);
        return names == null ? null : new FactConditions.Sni(names);
      case "ip_literal":
        return flag(FlagCondition.Flag.IP_LITERAL, name, value);
      case "sni_mismatch":
        return flag(FlagCondition.Flag.SNI_MISMATCH, name, value);
      case "no_sni":
        return flag(FlagCondition.Flag.NO_SNI, name, value);
      case "tls":
        return flag(FlagCondition.Flag.TLS, name, value);
      case "impersonation":
        return flag(FlagCondition.Flag.IMPERSONATION, name, value);
      default:
        return later.compile(key, name, value);
    }
  }

  private Condition agent(String name, Node value) {
    Set<String> ids = new LinkedHashSet<>();
    boolean unknown = false;
    List<String> texts = new ArrayList<>();
    boolean ok = true;
    for (Node item : values.oneOrMany(value, name, AGENT_EXPECTED)) {
      String t = values.text(item, name, AGENT_EXPECTED);
      if (t == null) {
        ok = false;
        continue;
      }
      texts.add(t);
      if (t.equals("unknown")) {
        unknown = true;
      } else if (Glob.isGlob(t)) {
        ok &= expandAgentGlob(item, name, t, ids);
      } else if (context.agentIds().contains(t)) {
        ids.add(t);
      } else {
        problems.error(item, name, AGENT_EXPECTED);
        ok = false;
      }
    }
    return ok && !texts.isEmpty() ? new AgentCondition(Set.copyOf(ids), unknown, texts) : null;
  }

  private boolean expandAgentGlob(Node item, String name, String text, Set<String> ids) {
    Glob glob;
    try {
      glob = Glob.compile(text);
    } catch (InvalidPatternException e) {
      problems.error(item, name, e.expected());
      return false;
    }
    boolean any = false;
    for (String id : context.agentIds()) {
      if (glob.matches(id)) {
        ids.add(id);
        any = true;
      }
    }
    if (!any) {
      problems.error(item, name, "a glob that matches at least one agent of the catalog");
      return false;
    }
    return true;
  }

  private Condition category(String name, Node value) {
    Set<String> known = new TreeSet<>(context.knownCategories());
    String expected = "one of " + String.join(", ", known);
    Set<String> wanted = new LinkedHashSet<>();
    boolean ok = true;
    for (Node item : values.oneOrMany(value, name, expected)) {
      String t = values.text(item, name, expected);
      if (t != null && known.contains(t)) {
        wanted.add(t);
      } else {
        if (t != null) {
          problems.error(item, name, expected);
        }
        ok = false;
      }
    }
    return ok && !wanted.isEmpty()
        ? new CategoryCondition(Set.copyOf(wanted), context.categories(), List.copyOf(wanted))
        : null;
  }

  /** Host patterns of {@code host} and {@code sni}; {@code null} when any is invalid. */
  private HostSet hostSet(String name, Node value) {
    String expected = "a host name, an IP address or *.suffix (quoted: \"*.example.com\")";
    List<HostPattern> patterns =
        values.parseEach(value, name, expected, t -> hostPattern(t, expected));
    return patterns == null ? null : HostSet.of(patterns);
  }

  /** One host pattern; a wrong one is reported with the hint to quote a leading {@code *}. */
  private static HostPattern hostPattern(String text, String expected) {
    try {
      return HostPattern.parse(text);
    } catch (InvalidPatternException e) {
      throw new InvalidPatternException(expected);
    }
  }

  private Condition port(String name, Node value) {
    List<String> entries =
        values.parseEach(
            value,
            name,
            "a number 1-65535 or a range such as 8000-8999",
            t -> {
              PortSet.of(List.of(t));
              return t;
            });
    return entries == null ? null : new FactConditions.Port(PortSet.of(entries));
  }

  private Condition user(String name, Node value) {
    List<String> users =
        values.parseEach(
            value,
            name,
            "a user name or a glob",
            t -> {
              if (Glob.isGlob(t)) {
                Glob.compile(t);
              }
              return t;
            });
    return users == null ? null : new FactConditions.User(NameMatcher.of(users));
  }

  private Condition group(String name, Node value) {
    List<String> groups = values.texts(value, name, "a group name");
    return groups.isEmpty() ? null : new FactConditions.Group(Set.copyOf(groups), groups);
  }

  private Condition source(String name, Node value) {
    List<String> cidrs =
        values.parseEach(
            value,
            name,
            "an IPv4 or IPv6 address or CIDR such as 10.0.0.0/8",
            t -> {
              CidrSet.validate(t);
              return t;
            });
    return cidrs == null ? null : new FactConditions.Source(CidrSet.of(cidrs));
  }

  private Condition flag(FlagCondition.Flag flag, String name, Node value) {
    Boolean b = values.bool(value, name);
    return b == null ? null : new FlagCondition(flag, b);
  }
}
