package dev.agentgate.proxy.pipeline;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.proxy.identity.ClientIdentity;
import dev.agentgate.proxy.identity.ClientIdentity.Outcome;
import dev.agentgate.proxy.observe.ConnectionFacts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who the client is, for the request handlers: starts the resolution (from the source address and
 * the {@code Proxy-Authorization} value, which goes no further), records the result on the
 * connection, and turns a client that may not be served into an audited refusal ({@code builtin:}
 * rule ids) and its answer: 407 with {@code Proxy-Authenticate}, 403 or 503.
 */
final class ClientIdentification {
  private static final Logger log = LoggerFactory.getLogger(ClientIdentification.class);

  private ClientIdentification() {}

  /** Resolves the client of {@code channel}; the future completes on the channel's event loop. */
  static Future<ClientIdentity> resolve(
      ProxyServices services, Channel channel, String proxyAuthorization) {
    InetAddress client =
        channel.remoteAddress() instanceof InetSocketAddress a
            ? a.getAddress()
            : InetAddress.getLoopbackAddress();
    return services.identity().resolve(client, proxyAuthorization, channel.eventLoop());
  }

  /**
   * The identity of a finished resolution; a failed one (a bug, never a wrong password) is logged
   * and treated as "cannot check now".
   */
  static ClientIdentity outcome(Future<ClientIdentity> done, ConnectionFacts facts) {
    if (done.isSuccess()) {
      ClientIdentity identity = done.getNow();
      if (identity.allowed()) {
        facts.identity(identity.user(), identity.groups());
      }
      return identity;
    }
    log.warn("identity check failed on connection {}: {}", facts.id(), done.cause().toString());
    return new ClientIdentity(null, Set.of(), false, Outcome.BUSY);
  }

  /** Reports the refusal of a client that may not be served, as a decision the audit records. */
  static Decision refuse(
      ProxyServices services, ConnectionFacts facts, EgressRequest request, Outcome outcome) {
    return services.gate().refuse(facts, request, ruleId(outcome), reason(outcome));
  }

  /** The answer to a refused plain-HTTP request. */
  static FullHttpResponse response(Outcome outcome, Decision refusal, ByteBufAllocator alloc) {
    return switch (outcome) {
      case MISSING, BAD_CREDENTIALS -> ProxyResponses.proxyAuthRequired(refusal.reason(), alloc);
      case UNKNOWN_NETWORK -> ProxyResponses.blocked(refusal, alloc);
      default ->
          ProxyResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, refusal.reason(), alloc);
    };
  }

  /** The answer to a refused CONNECT, as raw bytes. */
  static ByteBuf responseRaw(Outcome outcome, Decision refusal, ByteBufAllocator alloc) {
    return switch (outcome) {
      case MISSING, BAD_CREDENTIALS -> ProxyResponses.proxyAuthRequiredRaw(refusal.reason(), alloc);
      case UNKNOWN_NETWORK -> ProxyResponses.blockedRaw(refusal, alloc);
      default ->
          ProxyResponses.errorRaw(HttpResponseStatus.SERVICE_UNAVAILABLE, refusal.reason(), alloc);
    };
  }

  private static String ruleId(Outcome outcome) {
    return switch (outcome) {
      case MISSING, BAD_CREDENTIALS -> "builtin:proxy-auth";
      case UNKNOWN_NETWORK -> "builtin:source-network";
      default -> "builtin:identity-unavailable";
    };
  }

  private static String reason(Outcome outcome) {
    return switch (outcome) {
      case MISSING -> "proxy authentication required";
      case BAD_CREDENTIALS -> "proxy authentication failed";
      case UNKNOWN_NETWORK -> "your address is not in a network this proxy serves";
      default -> "cannot check credentials right now, try again shortly";
    };
  }
}
