package dev.agentgate.proxy.pipeline;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ProxyError;
import dev.agentgate.proxy.upstream.Destination;
import dev.agentgate.proxy.upstream.DestinationRefusedException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * The route of plain-HTTP requests: resolves each request's host (checked by the destination guard)
 * and connects to it.
 */
final class PlainHttpRoute implements UpstreamRoute {
  private final ProxyServices services;
  private final ConnectionFacts facts;
  private Destination last;

  PlainHttpRoute(ProxyServices services, ConnectionFacts facts) {
    this.services = services;
    this.facts = facts;
  }

  @Override
  public Future<Channel> open(RequestTarget target, EventLoop loop) {
    Promise<Channel> promise = loop.newPromise();
    services
        .resolver()
        .resolve(target.host(), target.port(), loop)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                promise.tryFailure(new ResolveFailure(f.cause()));
                return;
              }
              last = (Destination) f.getNow();
              services
                  .connector()
                  .connect(last, loop)
                  .addListener(
                      c -> {
                        if (c.isSuccess()) {
                          promise.trySuccess((Channel) c.getNow());
                        } else {
                          promise.tryFailure(c.cause());
                        }
                      });
            });
    return promise;
  }

  @Override
  public Future<Channel> reopen(EventLoop loop) {
    return services.connector().connect(last, loop);
  }

  @Override
  public FullHttpResponse failed(Throwable cause, ByteBufAllocator alloc) {
    if (cause instanceof ResolveFailure resolve) {
      if (resolve.getCause() instanceof DestinationRefusedException refused) {
        return ProxyResponses.blocked(guardBlock(refused), alloc);
      }
      services.gate().observer().error(facts, ProxyError.DNS_FAILURE);
      return ProxyResponses.error(HttpResponseStatus.BAD_GATEWAY, "cannot resolve the host", alloc);
    }
    services.gate().observer().error(facts, UpstreamFailures.ofConnect(cause));
    return cause instanceof ConnectTimeoutException
        ? ProxyResponses.error(
            HttpResponseStatus.GATEWAY_TIMEOUT, "upstream connect timed out", alloc)
        : ProxyResponses.error(
            HttpResponseStatus.BAD_GATEWAY, "cannot connect to the upstream", alloc);
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

  /** The host did not resolve, or the guard refused it (the cause says which). */
  private static final class ResolveFailure extends Exception {
    private static final long serialVersionUID = 1L;

    ResolveFailure(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
