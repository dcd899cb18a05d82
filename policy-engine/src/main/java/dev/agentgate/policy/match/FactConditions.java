package dev.agentgate.policy.match;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Identification;
import java.util.List;
import java.util.Set;

/**
 * Conditions on the facts the proxy observes about the client and destination (CONNECT phase) and
 * the ClientHello (TLS phase). TLS facts of a request that is not TLS (plain HTTP, or non-TLS bytes
 * in a tunnel) are absent: their conditions answer NO, not UNKNOWN.
 */
public final class FactConditions {
  private FactConditions() {}

  /** {@code host}: the destination of the CONNECT or of the plain-HTTP request. */
  public record Host(HostSet hosts) implements Condition {
    @Override
    public String key() {
      return "host";
    }

    @Override
    public String describe() {
      return "host " + hosts;
    }

    @Override
    public Phase phase() {
      return Phase.CONNECT;
    }

    @Override
    public Tri test(EgressRequest r, Identification agent) {
      return Tri.of(hosts.matches(r.host()));
    }
  }

  /** {@code port}: the destination port. */
  public record Port(PortSet ports) implements Condition {
    @Override
    public String key() {
      return "port";
    }

    @Override
    public String describe() {
      return "port " + ports;
    }

    @Override
    public Phase phase() {
      return Phase.CONNECT;
    }

    @Override
    public Tri test(EgressRequest r, Identification agent) {
      return Tri.of(ports.contains(r.port()));
    }
  }

  /** {@code user}: the authenticated client user (exact or glob); no user never matches. */
  public record User(NameMatcher users) implements Condition {
    @Override
    public String key() {
      return "user";
    }

    @Override
    public String describe() {
      return "user " + users;
    }

    @Override
    public Phase phase() {
      return Phase.CONNECT;
    }

    @Override
    public Tri test(EgressRequest r, Identification agent) {
      return Tri.of(users.matches(r.user()));
    }
  }

  /** {@code group}: any of the client's groups is listed. */
  public record Group(Set<String> groups, List<String> texts) implements Condition {
    @Override
    public String key() {
      return "group";
    }

    @Override
    public String describe() {
      return "group " + texts;
    }

    @Override
    public Phase phase() {
      return Phase.CONNECT;
    }

    @Override
    public Tri test(EgressRequest r, Identification agent) {
      for (String g : r.groups()) {
        if (groups.contains(g)) {
          return Tri.YES;
        }
      }
      return Tri.NO;
    }
  }

  /** {@code source}: the client address is in one of the networks. */
  public record Source(CidrSet networks) implements Condition {
    @Override
    public String key() {
      return "source";
    }

    @Override
    public String describe() {
      return "source " + networks;
    }

    @Override
    public Phase phase() {
      return Phase.CONNECT;
    }

    @Override
    public Tri test(EgressRequest r, Identification agent) {
      return Tri.of(networks.containsClient(r.clientAddress()));
    }
  }

  /** {@code sni}: the server name of the ClientHello. */
  public record Sni(HostSet names) implements Condition {
    @Override
    public String key() {
      return "sni";
    }

    @Override
    public String describe() {
      return "sni " + names;
    }

    @Override
    public Phase phase() {
      return Phase.TLS;
    }

    @Override
    public Tri test(EgressRequest r, Identification agent) {
      return Tri.of(r.tls() && r.sni() != null && names.matches(r.sni()));
    }
  }

  /** {@code alpn}: any protocol the client offers is listed. */
  public record Alpn(Set<String> protocols, List<String> texts) implements Condition {
    @Override
    public String key() {
      return "alpn";
    }

    @Override
    public String describe() {
      return "alpn " + texts;
    }

    @Override
    public Phase phase() {
      return Phase.TLS;
    }

    @Override
    public Tri test(EgressRequest r, Identification agent) {
      if (r.tls()) {
        for (String p : r.alpn()) {
          if (protocols.contains(p)) {
            return Tri.YES;
          }
        }
      }
      return Tri.NO;
    }
  }

  /** {@code ja3} and {@code ja4}: the ClientHello fingerprint, exact or by prefix. */
  public record Fingerprint(boolean ja4, PrefixPatterns patterns) implements Condition {
    @Override
    public String key() {
      return ja4 ? "ja4" : "ja3";
    }

    @Override
    public String describe() {
      return key() + " " + patterns;
    }

    @Override
    public Phase phase() {
      return Phase.TLS;
    }

    @Override
    public Tri test(EgressRequest r, Identification agent) {
      return Tri.of(r.tls() && patterns.matches(ja4 ? r.ja4() : r.ja3()));
    }
  }
}
