package dev.agentgate.proxy.upstream;

import dev.agentgate.proxy.config.HostPort;
import io.netty.channel.EventLoop;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the host a client asked for into a {@link Destination}: applies the config's overrides,
 * resolves names asynchronously on the caller's event loop, and checks every address with the
 * {@link DestinationGuard}. One refused address refuses the destination: a name that resolves to a
 * public and a private address is a rebinding attempt, not a choice.
 */
public final class DestinationResolver {
  /** Asynchronous name lookup bound to the calling event loop. */
  @FunctionalInterface
  public interface NameLookup {
    Future<List<InetAddress>> lookup(String name, EventLoop loop);
  }

  private final Map<String, HostPort> overrides;
  private final DestinationGuard guard;
  private final NameLookup lookup;
  private final UpstreamTimings timings;

  public DestinationResolver(
      Map<String, HostPort> overrides, DestinationGuard guard, NameLookup lookup) {
    this(overrides, guard, lookup, UpstreamTimings.NONE);
  }

  /**
   * @param timings told the duration of every successful name lookup
   */
  public DestinationResolver(
      Map<String, HostPort> overrides,
      DestinationGuard guard,
      NameLookup lookup,
      UpstreamTimings timings) {
    this.overrides = Map.copyOf(overrides);
    this.guard = guard;
    this.lookup = lookup;
    this.timings = timings;
  }

  /**
   * Resolves and checks {@code host:port}. The future completes on {@code loop}; it fails with
   * {@link DestinationRefusedException} when the guard refuses an address and with {@link
   * UnknownHostException} when the name does not resolve.
   */
  public Future<Destination> resolve(String host, int port, EventLoop loop) {
    Promise<Destination> promise = loop.newPromise();
    HostPort override = overrides.get(host);
    String name = override == null ? host : override.host();
    int targetPort = override == null ? port : override.port();
    byte[] literal = NetUtil.createByteArrayFromIpAddressString(name);
    if (literal != null) {
      try {
        check(promise, host, targetPort, List.of(InetAddress.getByAddress(literal)));
      } catch (UnknownHostException e) {
        promise.setFailure(e);
      }
      return promise;
    }
    long started = System.nanoTime();
    lookup
        .lookup(name, loop)
        .addListener(
            f -> {
              if (f.isSuccess()) {
                timings.nameResolved(System.nanoTime() - started);
                @SuppressWarnings("unchecked")
                List<InetAddress> addresses = (List<InetAddress>) f.getNow();
                check(promise, host, targetPort, addresses);
              } else {
                promise.setFailure(unknownHost(name, f.cause()));
              }
            });
    return promise;
  }

  private void check(
      Promise<Destination> promise, String host, int port, List<InetAddress> addresses) {
    if (addresses.isEmpty()) {
      promise.setFailure(new UnknownHostException(host + ": no addresses"));
      return;
    }
    List<InetSocketAddress> checked = new ArrayList<>(addresses.size());
    for (InetAddress address : addresses) {
      String refusal = guard.refusal(address);
      if (refusal != null) {
        String ip = address.getHostAddress();
        String reason =
            host.equals(ip)
                ? ip + " is " + refusal
                : host + " resolves to " + ip + ", which is " + refusal;
        promise.setFailure(new DestinationRefusedException(reason));
        return;
      }
      checked.add(new InetSocketAddress(address, port));
    }
    promise.setSuccess(new Destination(host, port, checked));
  }

  private static UnknownHostException unknownHost(String name, Throwable cause) {
    if (cause instanceof UnknownHostException u) {
      return u;
    }
    UnknownHostException e = new UnknownHostException(name + ": " + cause.getMessage());
    e.initCause(cause);
    return e;
  }
}
