package dev.agentgate.policy.match;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.HostNames;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Identification;

/** A yes/no property of the connection, matched against {@code true} or {@code false}. */
public record FlagCondition(Flag flag, boolean expected) implements Condition {

  /** The properties, each with the phase at which it becomes known. */
  public enum Flag {
    /** The CONNECT host is an IPv4 or IPv6 literal. */
    IP_LITERAL("ip_literal", Phase.CONNECT),
    /** The bytes in the tunnel are TLS (false: non-TLS bytes, or plain HTTP at the HTTP phase). */
    TLS("tls", Phase.TLS),
    /** A TLS ClientHello without a server name. */
    NO_SNI("no_sni", Phase.TLS),
    /** The ClientHello names a different server than the CONNECT host. */
    SNI_MISMATCH("sni_mismatch", Phase.TLS),
    /** Headers claim one agent while the TLS stack belongs to another. */
    IMPERSONATION("impersonation", Phase.HTTP);

    private final String key;
    private final Phase phase;

    Flag(String key, Phase phase) {
      this.key = key;
      this.phase = phase;
    }

    public String key() {
      return key;
    }
  }

  @Override
  public String key() {
    return flag.key;
  }

  @Override
  public String describe() {
    return flag.key + " " + expected;
  }

  @Override
  public Phase phase() {
    return flag.phase;
  }

  @Override
  public Tri test(EgressRequest r, Identification agent) {
    return Tri.of(value(r, agent) == expected);
  }

  private boolean value(EgressRequest r, Identification agent) {
    switch (flag) {
      case IP_LITERAL:
        return HostNames.isIpLiteral(r.host());
      case TLS:
        return r.tls();
      case NO_SNI:
        return r.tls() && (r.sni() == null || r.sni().isEmpty());
      case SNI_MISMATCH:
        return r.tls()
            && r.sni() != null
            && !r.sni().isEmpty()
            && !HostPattern.normalize(r.sni()).equals(HostPattern.normalize(r.host()));
      case IMPERSONATION:
        return agent.impersonation();
      default:
        throw new IllegalStateException("unhandled flag " + flag);
    }
  }
}
