package dev.agentgate.proxy.tls;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Server TLS contexts for intercepted hosts, minted on demand and cached. Minting (key generation
 * and signing) runs on the bounded mint executor, never on an event loop; concurrent requests for
 * one host share one mint; a context stays cached at most its leaf's residency (shorter than the
 * leaf's validity) and the cache holds a bounded number of hosts.
 */
public final class MintedCertificates {

  /** Told how long each mint took (on the mint thread); metrics implement it. */
  @FunctionalInterface
  public interface MintListener {
    MintListener NONE = (nanos, ok) -> {};

    /** A mint finished after {@code nanos}: successfully, or not ({@code ok} false). */
    void minted(long nanos, boolean ok);
  }

  private final AsyncCache<LeafName, MintedContext> cache;
  private final Function<LeafName, MintedContext> mint;
  private final MintListener listener;

  /**
   * @param minter mints the leaves
   * @param settings cache bounds
   * @param mintExecutor the bounded executor for blocking work; it also runs cache maintenance
   */
  public MintedCertificates(LeafMinter minter, LeafSettings settings, Executor mintExecutor) {
    this(minter, settings, mintExecutor, MintListener.NONE);
  }

  /** As above, telling {@code listener} the duration of every mint. */
  public MintedCertificates(
      LeafMinter minter, LeafSettings settings, Executor mintExecutor, MintListener listener) {
    this(
        name -> MintedContext.of(minter.mint(name), settings.cacheResidency()),
        settings.cacheSize(),
        mintExecutor,
        Ticker.systemTicker(),
        listener);
  }

  MintedCertificates(
      Function<LeafName, MintedContext> mint, long maxSize, Executor executor, Ticker ticker) {
    this(mint, maxSize, executor, ticker, MintListener.NONE);
  }

  private MintedCertificates(
      Function<LeafName, MintedContext> mint,
      long maxSize,
      Executor executor,
      Ticker ticker,
      MintListener listener) {
    this.mint = mint;
    this.listener = listener;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maxSize)
            .expireAfter(Expiry.<LeafName, MintedContext>writing((name, ctx) -> ctx.residency()))
            .executor(executor)
            .ticker(ticker)
            .recordStats()
            .buildAsync();
  }

  /**
   * The server context for a host. The future completes on {@code loop}: straight away when the
   * context is cached, otherwise once the mint executor has minted it. It fails for a host name
   * that cannot be certified, or when the mint executor is saturated.
   */
  public Future<SslContext> contextFor(String host, EventExecutor loop) {
    LeafName name;
    try {
      name = LeafName.parse(host);
    } catch (IllegalArgumentException e) {
      return loop.newFailedFuture(e);
    }
    CompletableFuture<MintedContext> minted =
        cache.get(name, (key, executor) -> mintAsync(key, executor));
    if (minted.isDone() && !minted.isCompletedExceptionally() && loop.inEventLoop()) {
      return loop.newSucceededFuture(minted.join().context());
    }
    Promise<SslContext> promise = loop.newPromise();
    minted.whenComplete(
        (context, error) -> {
          try {
            loop.execute(() -> complete(promise, context, error));
          } catch (RejectedExecutionException e) {
            // The loop is shutting down; its channels are closing, so completing here is harmless.
            complete(promise, context, error);
          }
        });
    return promise;
  }

  /** Hosts cached now (an estimate while entries expire or are evicted). */
  public long size() {
    return cache.synchronous().estimatedSize();
  }

  /** Lookups answered from the cache (a mint in flight counts as a hit) since start. */
  public long hits() {
    return cache.synchronous().stats().hitCount();
  }

  /** Lookups that started a mint since start. */
  public long misses() {
    return cache.synchronous().stats().missCount();
  }

  /**
   * How much longer the host's context stays cached, if it is (in flight: effectively forever,
   * until the mint completes). Tests use it to observe residency.
   */
  Optional<Duration> expiresAfter(String host) {
    return cache
        .synchronous()
        .policy()
        .expireVariably()
        .flatMap(policy -> policy.getExpiresAfter(LeafName.parse(host)));
  }

  /** Runs pending eviction and expiry now; tests use it to observe the bounds. */
  void cleanUp() {
    cache.synchronous().cleanUp();
  }

  private CompletableFuture<MintedContext> mintAsync(LeafName name, Executor executor) {
    try {
      return CompletableFuture.supplyAsync(() -> timedMint(name), executor);
    } catch (RejectedExecutionException e) {
      // Saturated: fail this handshake (Caffeine drops failed futures) rather than queue unbounded.
      return CompletableFuture.failedFuture(
          new RejectedExecutionException("certificate minting is saturated", e));
    }
  }

  private MintedContext timedMint(LeafName name) {
    long start = System.nanoTime();
    boolean ok = false;
    try {
      MintedContext context = mint.apply(name);
      ok = true;
      return context;
    } finally {
      listener.minted(System.nanoTime() - start, ok);
    }
  }

  private static void complete(
      Promise<SslContext> promise, MintedContext context, Throwable error) {
    if (error == null) {
      promise.trySuccess(context.context());
    } else {
      promise.tryFailure(error instanceof CompletionException ? error.getCause() : error);
    }
  }
}
