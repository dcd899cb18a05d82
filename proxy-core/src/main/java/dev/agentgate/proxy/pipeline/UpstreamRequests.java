package dev.agentgate.proxy.pipeline;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.proxy.identity.ClientIdentity;
import dev.agentgate.proxy.observe.ConnectionFacts;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How a plain-HTTP request is shown to the policy and rewritten for the upstream. */
public final class UpstreamRequests {
  private UpstreamRequests() {}

  /**
   * The CONNECT phase for host and port; the HTTP phase only when the policy needs more. Returns
   * ALLOW or BLOCK: a REDACT on plain HTTP is refused (reported as {@code builtin:redaction}) until
   * redaction of plain HTTP exists.
   */
  static Decision decide(
      PolicyGate gate,
      ConnectionFacts facts,
      HttpRequest request,
      RequestTarget target,
      ClientIdentity identity) {
    EgressRequest.Builder facts1 =
        EgressRequest.builder(Phase.CONNECT, target.host(), target.port())
            .client(facts.clientAddress(), identity.user(), identity.groups());
    EgressRequest connect = facts1.build();
    Decision decision = gate.decide(facts, connect);
    if (decision.action() == Action.REDACT) {
      return gate.refuse(
          facts, connect, "builtin:redaction", "redaction of plain HTTP not configured");
    }
    if (decision.action() != Action.CONTINUE) {
      return decision;
    }
    EgressRequest http =
        facts1
            .phase(Phase.HTTP)
            .tls(false, null, null, null, null)
            .http(request.method().name(), target.originForm(), headerMap(request.headers()))
            .build();
    decision = gate.decide(facts, http);
    if (decision.action() == Action.ALLOW || decision.action() == Action.BLOCK) {
      return decision;
    }
    return gate.refuse(facts, http, "builtin:redaction", "redaction of plain HTTP not configured");
  }

  /** The request's headers for the policy, without the proxy credentials (they end here). */
  public static Map<String, List<String>> headerMap(HttpHeaders headers) {
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> e : headers) {
      if (HttpHeaderNames.PROXY_AUTHORIZATION.contentEqualsIgnoreCase(e.getKey())) {
        continue;
      }
      map.computeIfAbsent(e.getKey(), k -> new ArrayList<>(1)).add(e.getValue());
    }
    return map;
  }

  static void rewrite(HttpRequest request, RequestTarget target) {
    request.setUri(target.originForm());
    HttpHeaders headers = request.headers();
    HopByHopHeaders.strip(headers);
    headers.set(HttpHeaderNames.HOST, target.hostHeader(80));
    headers.add(HttpHeaderNames.VIA, "1.1 agentgate");
  }
}
