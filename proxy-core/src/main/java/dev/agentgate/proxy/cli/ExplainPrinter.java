package dev.agentgate.proxy.cli;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Identification;
import java.io.PrintWriter;

/** Prints one phase of {@code agentgate policy explain}: facts, agent, decision, what follows. */
final class ExplainPrinter {
  private ExplainPrinter() {}

  static void print(
      PrintWriter out,
      Phase phase,
      EgressRequest r,
      Identification agent,
      Decision d,
      boolean plain) {
    out.printf("%n%s  %s%n", phase, facts(phase, r));
    out.printf("  agent:    %s%n", agentLine(agent));
    for (String e : agent.evidence()) {
      out.printf("            - %s%n", e);
    }
    out.printf("  decision: %s (rule %s)%n", d.action(), d.ruleId());
    out.printf("  reason:   %s%n", d.reason());
    if (d.message() != null) {
      out.printf("  message:  %s%n", d.message());
    }
    if (d.redactor() != null) {
      out.printf("  redactor: %s%n", d.redactor());
    }
    for (Decision.ReportedMatch m : d.reports()) {
      out.printf("  report:   rule %s would %s (%s)%n", m.ruleId(), m.wouldHave(), m.reason());
    }
    out.printf("  next:     %s%n", next(phase, d, plain));
  }

  private static String facts(Phase phase, EgressRequest r) {
    switch (phase) {
      case CONNECT:
        return r.host()
            + ":"
            + r.port()
            + " from "
            + r.clientAddress()
            + (r.user() == null ? "" : " user " + r.user())
            + (r.groups().isEmpty() ? "" : " groups " + r.groups());
      case TLS:
        return r.tls()
            ? "sni "
                + orDash(r.sni())
                + ", alpn "
                + r.alpn()
                + ", ja3 "
                + orDash(r.ja3())
                + ", ja4 "
                + orDash(r.ja4())
            : "not TLS";
      default:
        return r.method()
            + " "
            + r.path()
            + (r.tls() ? " (intercepted TLS)" : " (plain HTTP)")
            + ", headers "
            + r.headers().keySet();
    }
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }

  private static String agentLine(Identification a) {
    String who =
        a.agentId() != null
            ? a.agentId()
            : a.candidates().isEmpty() ? "unknown" : "unknown, candidates " + a.candidates();
    StringBuilder s = new StringBuilder(who).append(" (confidence ").append(a.confidence());
    if (a.endpointCategory() != null) {
      s.append(", category ").append(a.endpointCategory());
    }
    if (a.impersonation()) {
      s.append(", IMPERSONATION: headers claim ").append(a.claimedAgent());
    }
    return s.append(')').toString();
  }

  private static String next(Phase phase, Decision d, boolean plain) {
    switch (d.action()) {
      case CONTINUE:
        if (plain) {
          return "the proxy evaluates the whole request";
        }
        return phase == Phase.CONNECT
            ? "the proxy answers 200 and reads the ClientHello"
            : "the proxy intercepts TLS and reads the request";
      case ALLOW:
        return phase == Phase.HTTP || plain
            ? "the request is forwarded"
            : "the tunnel is spliced, not decrypted";
      case BLOCK:
        return "refused with the message above";
      default:
        return phase == Phase.HTTP || plain
            ? "the body is redacted, then forwarded"
            : "the proxy intercepts TLS to redact the request body";
    }
  }
}
