package dev.agentgate.proxy.pipeline.intercept;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.match.HostSet;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.pipeline.Interceptor;
import dev.agentgate.proxy.pipeline.ProxyServices;
import dev.agentgate.proxy.pipeline.TlsAlerts;
import dev.agentgate.proxy.tls.MintedCertificates;
import dev.agentgate.proxy.tls.UpstreamTls;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Intercepts the tunnels the policy wants to look inside: gets the host's minted context (cached,
 * or minted off the event loop) and hands the client connection to {@link ClientTlsPipeline}. A
 * host that cannot be certified, or a tunnel that does not carry TLS, is refused (fail closed).
 * Stateless and shared by every connection.
 */
public final class TlsInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(TlsInterceptor.class);

  /**
   * What the per-connection handlers share.
   *
   * @param certificates minted server contexts per host
   * @param upstreamTls the verifying client context towards real servers
   * @param redactors the policy's redactors by id
   * @param workers the bounded pool for large redactions
   */
  public record Parts(
      MintedCertificates certificates,
      UpstreamTls upstreamTls,
      Redactors redactors,
      Executor workers) {}

  private final Parts parts;
  private final HostSet splice;

  public TlsInterceptor(Parts parts, HostSet splice) {
    this.parts = parts;
    this.splice = splice;
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public boolean splices(String host) {
    return splice.matches(host);
  }

  @Override
  public void intercept(
      ProxyServices services, Channel client, Tunnel tunnel, ByteBuf clientHello) {
    EgressRequest request = tunnel.tlsRequest();
    if (!request.tls()) {
      clientHello.release();
      services
          .gate()
          .refuse(
              tunnel.facts(),
              request,
              "builtin:interception",
              "the tunnel does not carry TLS, so it cannot be inspected");
      client.close();
      return;
    }
    Future<SslContext> context =
        parts.certificates().contextFor(request.host(), client.eventLoop());
    if (context.isDone()) {
      contextReady(services, client, tunnel, clientHello, context);
    } else {
      context.addListener(f -> contextReady(services, client, tunnel, clientHello, context));
    }
  }

  private void contextReady(
      ProxyServices services,
      Channel client,
      Tunnel tunnel,
      ByteBuf clientHello,
      Future<SslContext> context) {
    if (!client.isActive()) {
      clientHello.release();
      return;
    }
    if (!context.isSuccess()) {
      clientHello.release();
      ConnectionFacts facts = tunnel.facts();
      String why = String.valueOf(context.cause().getMessage());
      log.warn("cannot mint a certificate for {}: {}", tunnel.tlsRequest().host(), why);
      services
          .gate()
          .refuse(
              facts,
              tunnel.tlsRequest(),
              "builtin:interception",
              "cannot mint a certificate for " + tunnel.tlsRequest().host() + ": " + why);
      client
          .writeAndFlush(TlsAlerts.fatal(TlsAlerts.INTERNAL_ERROR, client.alloc()))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ClientTlsPipeline.install(services, client, tunnel, context.getNow(), clientHello, parts);
  }
}
