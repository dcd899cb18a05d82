package dev.agentgate.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MintedCertificatesTest {

  private static final CertificateAuthority CA = TestCerts.newCa("cache test CA");

  private final ThreadPoolExecutor mintExecutor = MintExecutor.create("test-mint", 2, 64);
  private final List<EventExecutor> loops = new ArrayList<>();
  private final FakeTicker ticker = new FakeTicker();
  private final AtomicInteger mints = new AtomicInteger();
  private final Set<String> mintThreads = ConcurrentHashMap.newKeySet();

  @AfterEach
  void shutDown() throws InterruptedException {
    for (EventExecutor loop : loops) {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
    mintExecutor.shutdownNow();
  }

  @Test
  void mintsOffTheLoopAndCompletesOnTheCallersLoop() throws Exception {
    EventExecutor loop = newLoop();
    MintedCertificates cache =
        cache(LeafSettings.defaults(), countingMint(LeafSettings.defaults()));
    // Listeners run after get() returns, so the listener reports through its own future.
    CompletableFuture<Boolean> listenerOnLoop = new CompletableFuture<>();

    Future<SslContext> future = loop.submit(() -> cache.contextFor("example.com", loop)).get();
    future.addListener(f -> listenerOnLoop.complete(loop.inEventLoop()));
    SslContext context = future.get(10, TimeUnit.SECONDS);

    assertThat(context.isServer()).isTrue();
    assertThat(context.applicationProtocolNegotiator().protocols()).containsExactly("http/1.1");
    assertThat(mintThreads).allMatch(name -> name.startsWith("test-mint-"));
    assertThat(listenerOnLoop.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void mintsAreTimedAndLookupsCounted() throws Exception {
    EventExecutor loop = newLoop();
    List<Boolean> minted = new java.util.concurrent.CopyOnWriteArrayList<>();
    MintedCertificates cache =
        new MintedCertificates(
            TestCerts.minter(CA),
            LeafSettings.defaults(),
            mintExecutor,
            (nanos, ok) -> minted.add(ok && nanos > 0));

    cache.contextFor("a.example.com", loop).get(10, TimeUnit.SECONDS);
    cache.contextFor("a.example.com", loop).get(10, TimeUnit.SECONDS);
    cache.contextFor("b.example.com", loop).get(10, TimeUnit.SECONDS);

    assertThat(minted).containsExactly(true, true);
    assertThat(cache.misses()).isEqualTo(2);
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void cachedContextIsReturnedAtOnceOnTheLoop() throws Exception {
    EventExecutor loop = newLoop();
    MintedCertificates cache =
        cache(LeafSettings.defaults(), countingMint(LeafSettings.defaults()));
    SslContext first = cache.contextFor("example.com", loop).get(10, TimeUnit.SECONDS);

    Future<SslContext> second = loop.submit(() -> cache.contextFor("EXAMPLE.com.", loop)).get();

    assertThat(second.isDone()).isTrue();
    assertThat(second.getNow()).isSameAs(first);
    assertThat(mints).hasValue(1);
  }

  @Test
  void concurrentRequestsForOneHostMintOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Function<LeafName, MintedContext> real = countingMint(LeafSettings.defaults());
    MintedCertificates cache =
        cache(
            LeafSettings.defaults(),
            name -> {
              awaitQuietly(release);
              return real.apply(name);
            });
    List<EventExecutor> callers = List.of(newLoop(), newLoop(), newLoop(), newLoop());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Future<SslContext>>> submitted = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      EventExecutor loop = callers.get(i % callers.size());
      submitted.add(
          loop.submit(
              () -> {
                awaitQuietly(start);
                return cache.contextFor("api.openai.com", loop);
              }));
    }
    start.countDown();
    List<Future<SslContext>> futures = new ArrayList<>();
    for (var s : submitted) {
      futures.add(s.get(10, TimeUnit.SECONDS));
    }
    release.countDown();

    Set<SslContext> contexts = ConcurrentHashMap.newKeySet();
    for (Future<SslContext> future : futures) {
      contexts.add(future.get(10, TimeUnit.SECONDS));
    }
    assertThat(mints).hasValue(1);
    assertThat(contexts).hasSize(1);
  }

  @Test
  void sizeBoundIsRespected() throws Exception {
    LeafSettings settings =
        new LeafSettings(Duration.ofHours(24), Duration.ofHours(1), Duration.ofHours(12), 3);
    MintedCertificates cache = cache(settings, countingMint(settings));
    EventExecutor loop = newLoop();

    for (int i = 0; i < 10; i++) {
      cache.contextFor("host" + i + ".example", loop).get(10, TimeUnit.SECONDS);
    }
    assertBoundHolds(cache, 3);
    assertThat(mints).hasValue(10);

    for (int i = 0; i < 10; i++) {
      cache.contextFor("host" + i + ".example", loop).get(10, TimeUnit.SECONDS);
    }
    assertBoundHolds(cache, 3);
    assertThat(mints.get()).as("evicted hosts are minted again").isGreaterThanOrEqualTo(17);
  }

  @Test
  void entriesExpireBeforeTheirLeaves() throws Exception {
    LeafSettings settings =
        new LeafSettings(Duration.ofHours(1), Duration.ZERO, Duration.ofMinutes(20), 10);
    MintedCertificates cache = cache(settings, countingMint(settings));
    EventExecutor loop = newLoop();

    SslContext first = cache.contextFor("example.com", loop).get(10, TimeUnit.SECONDS);
    // Residency starts when Caffeine sees the mint complete (a callback after ours).
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> cache.expiresAfter("example.com").orElseThrow(),
            left -> left.compareTo(Duration.ofMinutes(20)) <= 0);
    ticker.advance(Duration.ofMinutes(19));
    SslContext stillCached = cache.contextFor("example.com", loop).get(10, TimeUnit.SECONDS);
    ticker.advance(Duration.ofMinutes(2));
    SslContext renewed = cache.contextFor("example.com", loop).get(10, TimeUnit.SECONDS);

    assertThat(stillCached).isSameAs(first);
    assertThat(renewed).isNotSameAs(first);
    assertThat(mints).hasValue(2);
  }

  @Test
  void residencyMustBeShorterThanValidity() {
    assertThatThrownBy(
            () -> new LeafSettings(Duration.ofHours(1), Duration.ZERO, Duration.ofHours(1), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shorter than the leaf validity");
  }

  @Test
  void failedMintIsNotCached() throws Exception {
    Function<LeafName, MintedContext> real = countingMint(LeafSettings.defaults());
    AtomicBoolean failNext = new AtomicBoolean(true);
    MintedCertificates cache =
        cache(
            LeafSettings.defaults(),
            name -> {
              if (failNext.getAndSet(false)) {
                throw new IllegalStateException("minting failed");
              }
              return real.apply(name);
            });
    EventExecutor loop = newLoop();

    Future<SslContext> failed = cache.contextFor("example.com", loop).await();
    SslContext retried = cache.contextFor("example.com", loop).get(10, TimeUnit.SECONDS);

    assertThat(failed.cause()).isInstanceOf(IllegalStateException.class);
    assertThat(retried).isNotNull();
  }

  @Test
  void invalidHostFailsWithoutMinting() throws Exception {
    MintedCertificates cache =
        cache(LeafSettings.defaults(), countingMint(LeafSettings.defaults()));

    Future<SslContext> future = cache.contextFor("not a host", newLoop()).await();

    assertThat(future.cause())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a host name");
    assertThat(mints).hasValue(0);
  }

  @Test
  void saturatedExecutorFailsTheRequestInsteadOfQueueing() throws Exception {
    ThreadPoolExecutor tiny = MintExecutor.create("tiny-mint", 1, 1);
    CountDownLatch blocker = new CountDownLatch(1);
    try {
      tiny.execute(() -> awaitQuietly(blocker));
      tiny.execute(() -> {});
      MintedCertificates cache =
          new MintedCertificates(countingMint(LeafSettings.defaults()), 10, tiny, ticker);

      Future<SslContext> future = cache.contextFor("example.com", newLoop()).await();

      assertThat(future.cause())
          .isInstanceOf(RejectedExecutionException.class)
          .hasMessageContaining("saturated");
      assertThat(mints).hasValue(0);
    } finally {
      blocker.countDown();
      tiny.shutdownNow();
    }
  }

  @Test
  void productionConstructorMintsWithTheRealMinter() throws Exception {
    MintedCertificates cache =
        new MintedCertificates(
            new LeafMinter(CA, LeafSettings.defaults(), Clock.systemUTC(), TestCerts.RANDOM),
            LeafSettings.defaults(),
            mintExecutor);

    assertThat(cache.contextFor("example.com", newLoop()).get(10, TimeUnit.SECONDS).isServer())
        .isTrue();
  }

  /**
   * Caffeine weighs an entry once its future completes, in a callback that may run after the caller
   * saw the result; so the bound holds once pending maintenance has run.
   */
  private static void assertBoundHolds(MintedCertificates cache, long bound) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              cache.cleanUp();
              assertThat(cache.size()).isLessThanOrEqualTo(bound);
            });
  }

  private MintedCertificates cache(LeafSettings settings, Function<LeafName, MintedContext> mint) {
    return new MintedCertificates(mint, settings.cacheSize(), mintExecutor, ticker);
  }

  private Function<LeafName, MintedContext> countingMint(LeafSettings settings) {
    LeafMinter minter = new LeafMinter(CA, settings, Clock.systemUTC(), TestCerts.RANDOM);
    return name -> {
      mints.incrementAndGet();
      mintThreads.add(Thread.currentThread().getName());
      return MintedContext.of(minter.mint(name), settings.cacheResidency());
    };
  }

  private EventExecutor newLoop() {
    EventExecutor loop = new DefaultEventExecutor();
    loops.add(loop);
    return loop;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("latch not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A Caffeine ticker the test moves by hand. */
  static final class FakeTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long read() {
      return nanos.get();
    }

    void advance(Duration duration) {
      nanos.addAndGet(duration.toNanos());
    }
  }
}
