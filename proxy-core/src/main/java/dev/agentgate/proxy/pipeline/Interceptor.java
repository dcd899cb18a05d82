package dev.agentgate.proxy.pipeline;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.upstream.Destination;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Takes over a tunnel the policy wants to look inside (CONTINUE or REDACT after the ClientHello):
 * terminates TLS with a minted certificate and handles the requests (phase 3). Until an
 * implementation is configured the proxy fails closed: a TLS alert, audited as "interception not
 * configured".
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
        public void intercept(Channel client, Tunnel tunnel, ByteBuf clientHello) {
          clientHello.release();
          throw new UnsupportedOperationException("interception not configured");
        }
      };

  /** False when tunnels needing interception must be refused. */
  boolean available();

  /**
   * Called on the client's event loop after the inspector has removed itself from the pipeline;
   * client auto-read is off. {@code clientHello} holds every byte the client sent after the CONNECT
   * (the unconsumed ClientHello first); the interceptor owns it and must feed it to its TLS
   * handler.
   */
  void intercept(Channel client, Tunnel tunnel, ByteBuf clientHello);

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
