package dev.agentgate.proxy.pipeline.intercept;

import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ConnectionObserver;
import dev.agentgate.proxy.observe.ProxyError;
import dev.agentgate.proxy.tls.ClientTlsFailure;
import dev.agentgate.proxy.tls.ServerFlightMonitor;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports how the client's handshake under the minted certificate ended: its duration on success;
 * on failure why, classified ({@link ClientTlsFailure}; a rejected certificate means the agent does
 * not trust the CA or pins), counted and audited with the agent, then the connection closes.
 * Removes itself and the {@link ServerFlightMonitor} once the handshake succeeded.
 */
final class ClientHandshakeWatcher extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ClientHandshakeWatcher.class);

  private final ConnectionObserver observer;
  private final ConnectionFacts facts;
  private final ServerFlightMonitor flight;
  private final long started = System.nanoTime();

  ClientHandshakeWatcher(
      ConnectionObserver observer, ConnectionFacts facts, ServerFlightMonitor flight) {
    this.observer = observer;
    this.facts = facts;
    this.flight = flight;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (!(evt instanceof SslHandshakeCompletionEvent done)) {
      ctx.fireUserEventTriggered(evt);
      return;
    }
    if (done.isSuccess()) {
      observer.interceptionHandshake(facts, System.nanoTime() - started);
      ctx.pipeline().remove(flight);
      ctx.pipeline().remove(this);
      return;
    }
    ClientTlsFailure failure = ClientTlsFailure.of(done.cause(), flight.flightSent());
    log.debug(
        "connection {} to {}: {} ({})",
        facts.id(),
        facts.targetHost(),
        failure.description(),
        done.cause().toString());
    observer.interceptionHandshakeFailed(facts, failure);
    observer.error(facts, ProxyError.CLIENT_TLS);
    ctx.close();
  }

  /**
   * An exception before the handshake completed is the handshake failing: it is reported through
   * the completion event, so here the connection just closes.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
