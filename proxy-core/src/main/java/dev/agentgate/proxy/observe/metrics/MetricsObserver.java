package dev.agentgate.proxy.observe.metrics;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.redact.Finding;
import dev.agentgate.proxy.observe.ClientHelloOutcome;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ConnectionObserver;
import dev.agentgate.proxy.observe.ProxyError;
import dev.agentgate.proxy.observe.Redaction;
import dev.agentgate.proxy.tls.ClientTlsFailure;
import java.util.List;

/**
 * Turns what the pipeline reports about connections into {@link ProxyMetrics} calls. Stateless and
 * shared by every connection; per-connection state (the agent label index) lives in {@link
 * ConnectionFacts}, so the per-read byte counts need no lookup. The only lookups are one hash
 * lookup of the agent id per decision that names an agent and one of the rule id per final
 * decision; nothing allocates.
 */
public final class MetricsObserver implements ConnectionObserver {
  /** Rule ids of decisions the proxy makes itself start with this. */
  static final String BUILTIN = "builtin:";

  private static final ProxyError[] PROXY_ERRORS = ProxyError.values();

  private final ProxyMetrics metrics;
  // Indexed by ProxyError ordinal; null where the error is not counted in that family.
  private final ErrorKind[] errorKinds = new ErrorKind[PROXY_ERRORS.length];
  private final BlockReason[] blockReasons = new BlockReason[PROXY_ERRORS.length];

  public MetricsObserver(ProxyMetrics metrics) {
    this.metrics = metrics;
    for (ProxyError e : PROXY_ERRORS) {
      errorKinds[e.ordinal()] = errorKind(e);
      blockReasons[e.ordinal()] = blockReason(e);
    }
  }

  @Override
  public void opened(ConnectionFacts connection) {
    metrics.connectionOpened(Listener.PROXY);
  }

  @Override
  public void decided(ConnectionFacts connection, EgressRequest request, Decision decision) {
    int agent = agentOf(connection, decision);
    metrics.decision(request.phase(), decision.action(), agent);
    if (!decision.isFinal()) {
      // Rule hits and report-mode matches count once, at the final decision: a report-mode rule
      // that matched at an earlier phase matches again at the later one (facts only grow).
      return;
    }
    String ruleId = decision.ruleId();
    boolean builtin = ruleId.startsWith(BUILTIN);
    if (!builtin) {
      metrics.ruleHit(ruleId, false);
    }
    List<Decision.ReportedMatch> reports = decision.reports();
    for (int i = 0; i < reports.size(); i++) {
      metrics.ruleHit(reports.get(i).ruleId(), true);
    }
    if (decision.action() == Action.BLOCK) {
      metrics.blocked(builtin ? builtinReason(ruleId) : BlockReason.POLICY);
    }
  }

  /**
   * A {@code redact} decision counted as a decision, plus its findings by detector, the inspected
   * body's size and, when the body made the proxy refuse the request, the block.
   */
  @Override
  public void redacted(
      ConnectionFacts connection, EgressRequest request, Decision decision, Redaction redaction) {
    decided(connection, request, decision);
    List<Finding> findings = redaction.findings();
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      metrics.redactionFindings(f.detector(), f.count());
    }
    if (redaction.inspectedBytes() > 0) {
      metrics.inspectedBody(redaction.inspectedBytes());
    }
    if (redaction.outcome() == Redaction.Outcome.BLOCKED) {
      metrics.blocked(BlockReason.POLICY);
    } else if (redaction.outcome() == Redaction.Outcome.UNINSPECTABLE_REFUSED) {
      metrics.blocked(BlockReason.UNINSPECTABLE);
    }
  }

  @Override
  public void interceptionHandshake(ConnectionFacts connection, long nanos) {
    metrics.interceptionHandshake(nanos, HandshakeResult.SUCCESS, connection.metricsAgent());
  }

  @Override
  public void interceptionHandshakeFailed(ConnectionFacts connection, ClientTlsFailure failure) {
    metrics.interceptionHandshake(
        0,
        failure == ClientTlsFailure.CERTIFICATE_REJECTED
            ? HandshakeResult.CERTIFICATE_REJECTED
            : HandshakeResult.FAILURE,
        connection.metricsAgent());
  }

  /**
   * The agent label index for this decision, remembered on the connection for its bytes: the
   * decision's agent when it names one, else the connection's last known agent (so the proxy's own
   * refusals after an identification, which carry no agent, still count for that agent), else
   * "unknown" once a final decision settles that no agent was identified.
   *
   * <p>Bytes that moved before the connection's agent was settled (the request head, the
   * ClientHello) are held back, not counted as "unknown", and counted for the agent when it is.
   */
  private int agentOf(ConnectionFacts connection, Decision decision) {
    int current = connection.metricsAgent();
    String id = decision.agent().agentId();
    int index;
    if (id != null) {
      index = metrics.agentIndex(id);
    } else if (current < 0 && decision.isFinal()) {
      index = metrics.agents().unknownIndex();
    } else {
      return current;
    }
    if (index != current) {
      connection.metricsAgent(index);
      if (current < 0) {
        countHeldBytes(connection, index);
      }
    }
    return index;
  }

  private void countHeldBytes(ConnectionFacts connection, int agent) {
    metrics.tunnelBytes(Direction.UPSTREAM, agent, connection.bytesFromClient());
    metrics.tunnelBytes(Direction.DOWNSTREAM, agent, connection.bytesToClient());
  }

  @Override
  public void error(ConnectionFacts connection, ProxyError kind) {
    ErrorKind error = errorKinds[kind.ordinal()];
    if (error != null) {
      metrics.error(error);
    }
    BlockReason block = blockReasons[kind.ordinal()];
    if (block != null) {
      metrics.blocked(block);
    }
  }

  @Override
  public void clientHello(ConnectionFacts connection, ClientHelloOutcome outcome) {
    metrics.clientHello(outcome);
  }

  @Override
  public void forwarded(ConnectionFacts connection, long proxyNanos) {
    metrics.proxyLatency(proxyNanos);
  }

  @Override
  public void bytesFromClient(ConnectionFacts connection, long n) {
    int agent = connection.metricsAgent();
    if (agent >= 0) {
      metrics.tunnelBytes(Direction.UPSTREAM, agent, n);
    }
  }

  @Override
  public void bytesToClient(ConnectionFacts connection, long n) {
    int agent = connection.metricsAgent();
    if (agent >= 0) {
      metrics.tunnelBytes(Direction.DOWNSTREAM, agent, n);
    }
  }

  @Override
  public void closed(ConnectionFacts connection) {
    if (connection.metricsAgent() < 0) {
      countHeldBytes(connection, metrics.agents().unknownIndex());
    }
    metrics.connectionClosed(
        Listener.PROXY,
        connection.durationNanos(),
        connection.bytesFromClient(),
        connection.bytesToClient());
  }

  /** The block reason of a refusal the proxy made itself, from its {@code builtin:} rule id. */
  static BlockReason builtinReason(String ruleId) {
    return switch (ruleId) {
      case "builtin:destination-guard" -> BlockReason.DESTINATION_GUARD;
      case "builtin:connect-port" -> BlockReason.CONNECT_PORT;
      case "builtin:client-hello" -> BlockReason.MALFORMED_REQUEST;
      case "builtin:interception", "builtin:redaction" -> BlockReason.INTERCEPTION_UNAVAILABLE;
      case "builtin:policy-error" -> BlockReason.POLICY_ERROR;
      case "builtin:uninspectable" -> BlockReason.UNINSPECTABLE;
      case "builtin:authentication" -> BlockReason.AUTHENTICATION;
      default -> BlockReason.OTHER;
    };
  }

  /**
   * The error counter a pipeline error counts in, or null. Client mistakes (bad requests, limits, a
   * malformed ClientHello) are refusals, counted as blocks and ClientHello outcomes instead, so the
   * error ratio tracks failures of the proxy and its upstreams.
   */
  static ErrorKind errorKind(ProxyError e) {
    return switch (e) {
      case BAD_REQUEST, HEADER_TOO_LARGE, TOO_MANY_CONNECTIONS, MALFORMED_CLIENT_HELLO -> null;
      case HEAD_TIMEOUT -> ErrorKind.CLIENT_TIMEOUT;
      case IDLE_TIMEOUT -> ErrorKind.IDLE_TIMEOUT;
      case DNS_FAILURE -> ErrorKind.DNS_FAILURE;
      case UPSTREAM_CONNECT_REFUSED -> ErrorKind.UPSTREAM_REFUSED;
      case UPSTREAM_CONNECT_TIMEOUT -> ErrorKind.UPSTREAM_TIMEOUT;
      case UPSTREAM_CONNECT_FAILED -> ErrorKind.UPSTREAM_UNREACHABLE;
      case UPSTREAM_PROTOCOL -> ErrorKind.UPSTREAM_PROTOCOL;
      case UPSTREAM_RESET -> ErrorKind.UPSTREAM_RESET;
      case UPSTREAM_TLS -> ErrorKind.UPSTREAM_TLS;
      case CLIENT_TLS -> ErrorKind.CLIENT_TLS;
      case IO -> ErrorKind.CLIENT_RESET;
      case AUDIT_SATURATED -> ErrorKind.AUDIT_SATURATED;
      case POLICY_FAILURE, INTERNAL -> ErrorKind.INTERNAL;
    };
  }

  /**
   * The block reason of a pipeline error that is a refusal without a decision (the proxy answered
   * 400, 413/431 or 429 itself), or null. A malformed ClientHello is refused through a {@code
   * builtin:client-hello} decision, counted there.
   */
  static BlockReason blockReason(ProxyError e) {
    return switch (e) {
      case BAD_REQUEST -> BlockReason.MALFORMED_REQUEST;
      case HEADER_TOO_LARGE, TOO_MANY_CONNECTIONS -> BlockReason.LIMIT;
      default -> null;
    };
  }
}
