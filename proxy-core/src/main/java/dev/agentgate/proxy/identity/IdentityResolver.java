package dev.agentgate.proxy.identity;

import dev.agentgate.proxy.identity.ClientIdentity.Outcome;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Works out who a client is from its source address and its {@code Proxy-Authorization} header, per
 * the configured {@link IdentityMode}. The proxy's request handler calls {@link #resolve} and
 * answers per {@link ClientIdentity#outcome()}: 407 with {@link #PROXY_AUTHENTICATE}, 403 or 503.
 *
 * <p>Source networks give groups to clients that cannot send credentials: in {@code required} and
 * {@code optional} mode a client from a mapped network without credentials is served with the
 * network's groups; credentials that are sent must be valid, and an authenticated user gets its own
 * groups plus the network's.
 */
public final class IdentityResolver implements AutoCloseable {

  /** The {@code Proxy-Authenticate} value of a 407. */
  public static final String PROXY_AUTHENTICATE = "Basic realm=\"agentgate\", charset=\"UTF-8\"";

  private final IdentityMode mode;
  private final NetworkGroups networks;
  private final UsersFileWatcher users;
  private final BasicAuthenticator authenticator;

  IdentityResolver(
      IdentityMode mode,
      NetworkGroups networks,
      UsersFileWatcher users,
      BasicAuthenticator authenticator) {
    this.mode = mode;
    this.networks = networks;
    this.users = users;
    this.authenticator = authenticator;
  }

  /**
   * Starts the resolver: loads the users file (failing with a one-line message when it is missing
   * or invalid) and starts its reload timer and the password threads.
   */
  public static IdentityResolver start(IdentityConfig config) {
    SecureRandom random = new SecureRandom();
    Path file = config.usersFile();
    if (file == null || config.effectiveMode() == IdentityMode.NETWORKS) {
      return new IdentityResolver(config.effectiveMode(), config.networkGroups(), null, null);
    }
    UsersFileWatcher watcher = UsersFileWatcher.start(file, config.reloadInterval(), random);
    BasicAuthenticator authenticator =
        new BasicAuthenticator(
            watcher::current,
            config.verifyThreads(),
            config.verifyQueue(),
            config.cacheTtl(),
            random);
    return new IdentityResolver(
        config.effectiveMode(), config.networkGroups(), watcher, authenticator);
  }

  /** No identity configured: every client is anonymous (no threads, nothing to close). */
  public static IdentityResolver none() {
    return start(IdentityConfig.none());
  }

  /**
   * Resolves a client; the returned future completes on {@code executor} (the channel's event
   * loop), at once unless a password has to be checked.
   *
   * @param proxyAuthorization the {@code Proxy-Authorization} header value, or {@code null}
   */
  public Future<ClientIdentity> resolve(
      InetAddress client, String proxyAuthorization, EventExecutor executor) {
    CompletableFuture<ClientIdentity> result = resolve(client, proxyAuthorization);
    if (result.isDone() && !result.isCompletedExceptionally()) {
      return executor.newSucceededFuture(result.join());
    }
    Promise<ClientIdentity> promise = executor.newPromise();
    result.whenComplete(
        (identity, error) -> {
          if (error != null) {
            promise.tryFailure(error);
          } else {
            promise.trySuccess(identity);
          }
        });
    return promise;
  }

  /** The same resolution without Netty: completes on the calling or a password thread. */
  public CompletableFuture<ClientIdentity> resolve(InetAddress client, String proxyAuthorization) {
    Set<String> networkGroups = networks.groupsFor(client);
    if (mode == IdentityMode.NETWORKS) {
      return done(
          networkGroups.isEmpty()
              ? ClientIdentity.refused(Outcome.UNKNOWN_NETWORK)
              : new ClientIdentity(null, networkGroups, false, Outcome.OK));
    }
    if (proxyAuthorization == null || proxyAuthorization.isBlank() || authenticator == null) {
      if (!networkGroups.isEmpty()) {
        return done(new ClientIdentity(null, networkGroups, false, Outcome.OK));
      }
      return done(
          mode == IdentityMode.REQUIRED
              ? ClientIdentity.refused(Outcome.MISSING)
              : new ClientIdentity(
                  null, Set.of(ClientIdentity.ANONYMOUS_GROUP), false, Outcome.OK));
    }
    BasicCredentials credentials = BasicCredentials.parse(proxyAuthorization);
    if (credentials == null) {
      return done(ClientIdentity.refused(Outcome.BAD_CREDENTIALS));
    }
    return authenticator
        .authenticate(credentials)
        .handle(
            (user, error) -> {
              if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                if (cause instanceof RejectedExecutionException) {
                  return ClientIdentity.refused(Outcome.BUSY);
                }
                throw new CompletionException(cause);
              }
              if (user == null) {
                return ClientIdentity.refused(Outcome.BAD_CREDENTIALS);
              }
              Set<String> groups = new LinkedHashSet<>(user.groups());
              groups.addAll(networkGroups);
              return new ClientIdentity(user.name(), groups, true, Outcome.OK);
            });
  }

  private static CompletableFuture<ClientIdentity> done(ClientIdentity identity) {
    return CompletableFuture.completedFuture(identity);
  }

  /** The mode in effect. */
  public IdentityMode mode() {
    return mode;
  }

  /** The users file watcher, or {@code null} when there is no users file. */
  public UsersFileWatcher users() {
    return users;
  }

  BasicAuthenticator authenticator() {
    return authenticator;
  }

  @Override
  public void close() {
    if (authenticator != null) {
      authenticator.close();
    }
    if (users != null) {
      users.close();
    }
  }
}
