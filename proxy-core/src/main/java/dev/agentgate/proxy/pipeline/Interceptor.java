package dev.agentgate.proxy.pipeline;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.upstream.Destination;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Takes over a tunnel the policy wants to look inside (CONTINUE or REDACT after the ClientHello):
 * terminates TLS with a minted certificate and handles the requests (phase 3). Without an available
 * implementation the proxy fails closed: a TLS alert, audited as "interception not configured".
 * Hosts on the splice list are never handed over: the {@link ClientHelloInspector} splices them
 * (CONTINUE) or refuses them (REDACT).
 */
public interface Interceptor {
  /** No interception: such tunnels are refused. */
  Interceptor NONE =
      new Interceptor() {
        @Override
        public boolean available() {
          return false;
        }

        @Override
        public void intercept(
            ProxyServices services, Channel client, Tunnel tunnel, ByteBuf clientHello) {
          clientHello.release();
          throw new UnsupportedOperationException("interception not configured");
        }
      };

  /** False when tunnels needing interception must be refused. */
  boolean available();

  /**
   * True for a host that must never be intercepted (clients that pin certificates): a CONTINUE at
   * the TLS phase splices it untouched, a REDACT is refused. Works also when interception is not
   * {@link #available()}.
   *
   * @param host the CONNECT host (lower case)
   */
  default boolean splices(String host) {
    return false;
  }

  /**
   * Called on the client's event loop after the inspector has removed itself from the pipeline;
   * client auto-read is off. {@code clientHello} holds every byte the client sent after the CONNECT
   * (the unconsumed ClientHello first); the interceptor owns it and must feed it to its TLS
   * handler.
   */
  void intercept(ProxyServices services, Channel client, Tunnel tunnel, ByteBuf clientHello);

  /**
   * What the interceptor needs to know about the tunnel.
   *
   * @param facts the connection's facts, to update and pass to observers
   * @param destination the checked upstream addresses (never resolve the host again)
   * @param tlsRequest the facts of the TLS phase; {@code toBuilder()} them for the HTTP phase
   * @param decision the TLS-phase decision (CONTINUE or REDACT)
   */
  record Tunnel(
      ConnectionFacts facts,
      Destination destination,
      EgressRequest tlsRequest,
      Decision decision) {}
}
