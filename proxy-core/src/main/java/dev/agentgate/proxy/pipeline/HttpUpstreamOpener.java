package dev.agentgate.proxy.pipeline;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ProxyError;
import dev.agentgate.proxy.upstream.Destination;
import dev.agentgate.proxy.upstream.DestinationRefusedException;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Opens the plain-HTTP upstream connections of one client connection: resolves and checks the host,
 * connects on the client's event loop, and installs the HTTP client codec in front of the
 * forwarder's response handler. A failure is reported and becomes the answer the client gets: 403
 * for a refused destination, 502, or 504 for a connect timeout.
 */
final class HttpUpstreamOpener {
  /** Where a new connection goes. */
  interface Opened {
    void opened(Channel upstream, Destination destination, long connectedAt);
  }

  private static final int MAX_RESPONSE_HEADER = 64 * 1024;

  // Body pieces are slices of what one read brought in: a large limit means one piece per read,
  // not a split into many small ones, and costs no memory.
  static final int MAX_BODY_PIECE = 1024 * 1024;

  private final ProxyServices services;
  private final ConnectionFacts facts;
  private final Channel client;
  private final HttpForwarder forwarder;

  HttpUpstreamOpener(
      ProxyServices services, ConnectionFacts facts, Channel client, HttpForwarder forwarder) {
    this.services = services;
    this.facts = facts;
    this.client = client;
    this.forwarder = forwarder;
  }

  /** Resolves and checks {@code target}, then connects. */
  void open(RequestTarget target, Opened opened, Consumer<FullHttpResponse> failed) {
    services
        .resolver()
        .resolve(target.host(), target.port(), client.eventLoop())
        .addListener(f -> resolved(f, opened, failed));
  }

  /** Connects again to addresses checked before (never resolving the name again). */
  void reconnect(Destination destination, Opened opened, Consumer<FullHttpResponse> failed) {
    services
        .connector()
        .connect(destination, client.eventLoop())
        .addListener(c -> connected(c, destination, opened, failed));
  }

  private void resolved(Future<?> f, Opened opened, Consumer<FullHttpResponse> failed) {
    if (!client.isActive()) {
      return;
    }
    if (!f.isSuccess()) {
      if (f.cause() instanceof DestinationRefusedException refused) {
        failed.accept(ProxyResponses.blocked(guardBlock(refused), client.alloc()));
      } else {
        services.gate().observer().error(facts, ProxyError.DNS_FAILURE);
        failed.accept(error(HttpResponseStatus.BAD_GATEWAY, "cannot resolve the host"));
      }
      return;
    }
    reconnect((Destination) f.getNow(), opened, failed);
  }

  private void connected(
      Future<?> f, Destination destination, Opened opened, Consumer<FullHttpResponse> failed) {
    long connectedAt = System.nanoTime();
    if (!f.isSuccess()) {
      services.gate().observer().error(facts, UpstreamFailures.ofConnect(f.cause()));
      failed.accept(
          f.cause() instanceof ConnectTimeoutException
              ? error(HttpResponseStatus.GATEWAY_TIMEOUT, "upstream connect timed out")
              : error(HttpResponseStatus.BAD_GATEWAY, "cannot connect to the upstream"));
      return;
    }
    Channel ch = (Channel) f.getNow();
    if (!client.isActive()) {
      ch.close();
      return;
    }
    HttpDecoderConfig decoder =
        new HttpDecoderConfig()
            .setMaxHeaderSize(MAX_RESPONSE_HEADER)
            .setMaxChunkSize(MAX_BODY_PIECE);
    ch.pipeline()
        .addLast(
            "http",
            new HttpClientCodec(decoder, HttpClientCodec.DEFAULT_FAIL_ON_MISSING_RESPONSE, false))
        .addLast("response", new UpstreamResponseHandler(forwarder));
    opened.opened(ch, destination, connectedAt);
  }

  private Decision guardBlock(DestinationRefusedException refused) {
    EgressRequest request =
        EgressRequest.builder(Phase.CONNECT, facts.targetHost(), facts.targetPort())
            .client(facts.clientAddress(), null, null)
            .build();
    return services
        .gate()
        .refuse(facts, request, "builtin:destination-guard", refused.getMessage());
  }

  private FullHttpResponse error(HttpResponseStatus status, String text) {
    return ProxyResponses.error(status, text, client.alloc());
  }
}
