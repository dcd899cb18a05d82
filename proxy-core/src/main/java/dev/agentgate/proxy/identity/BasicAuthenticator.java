package dev.agentgate.proxy.identity;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Basic credentials off the event loop: bcrypt runs on a small bounded executor and the
 * outcome (success and failure alike) is cached for a short time, keyed by an HMAC of the
 * credentials under a per-process random key, so neither the password nor a fast unsalted hash of
 * it is kept. A cached outcome is used only while the user's hash in the current users file is the
 * one it was checked against, so a changed or removed user takes effect at the next reload.
 */
final class BasicAuthenticator implements AutoCloseable {

  /** The queue was full: no comparison was made. */
  private static final PasswordVerifier.Verified BUSY = new PasswordVerifier.Verified(null, "");

  private final Supplier<UserDirectory> users;
  private final PasswordVerifier verifier = new PasswordVerifier();
  private final ThreadPoolExecutor executor;
  private final AsyncCache<String, PasswordVerifier.Verified> cache;
  private final ThreadLocal<Mac> macs;

  BasicAuthenticator(
      Supplier<UserDirectory> users,
      int threads,
      int queueCapacity,
      Duration cacheTtl,
      SecureRandom random) {
    this(users, passwordExecutor(threads, queueCapacity), cacheTtl, random);
  }

  /** With a given executor: its queue bound is what turns overload into a quick 503. */
  BasicAuthenticator(
      Supplier<UserDirectory> users,
      ThreadPoolExecutor executor,
      Duration cacheTtl,
      SecureRandom random) {
    this.users = users;
    this.executor = executor;
    this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(cacheTtl).buildAsync();
    byte[] key = new byte[32];
    random.nextBytes(key);
    SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
              }
            });
  }

  /**
   * Checks {@code credentials}; completes with the user, or {@code null} when the user is unknown
   * or the password wrong, or fails with {@link RejectedExecutionException} when the executor's
   * queue is full. Completes on the caller's thread on a cache hit, otherwise on a password thread.
   */
  CompletableFuture<UserRecord> authenticate(BasicCredentials credentials) {
    String key = cacheKey(credentials);
    CompletableFuture<PasswordVerifier.Verified> cached = cache.getIfPresent(key);
    if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
      PasswordVerifier.Verified verified = cached.join();
      if (stillCurrent(credentials.user(), verified)) {
        return CompletableFuture.completedFuture(verified.user());
      }
      cache.asMap().remove(key, cached);
    }
    CompletableFuture<PasswordVerifier.Verified> future =
        cache.get(key, (k, ignored) -> verifyAsync(credentials));
    return future.thenApply(
        v -> {
          if (v == BUSY) {
            cache.asMap().remove(key, future); // "busy" is an answer for now, not for later
            throw new CompletionException(new RejectedExecutionException("password queue full"));
          }
          return v.user();
        });
  }

  private static ThreadPoolExecutor passwordExecutor(int threads, int queueCapacity) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueCapacity),
        r -> {
          Thread t = new Thread(r, "agentgate-password-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
  }

  private CompletableFuture<PasswordVerifier.Verified> verifyAsync(BasicCredentials credentials) {
    try {
      return CompletableFuture.supplyAsync(
          () -> verifier.verify(users.get(), credentials), executor);
    } catch (RejectedExecutionException e) {
      // A value, not a failed future: the cache would log every failed load as a warning.
      return CompletableFuture.completedFuture(BUSY);
    }
  }

  private boolean stillCurrent(String user, PasswordVerifier.Verified verified) {
    UserDirectory directory = users.get();
    UserRecord record = directory.find(user);
    String expected = record == null ? directory.dummyHash() : record.bcryptHash();
    return expected.equals(verified.comparedHash())
        && (verified.user() == null || verified.user().equals(record));
  }

  private String cacheKey(BasicCredentials credentials) {
    Mac mac = macs.get();
    // A user name never contains ':' (Basic splits at the first one), so this is unambiguous.
    byte[] input =
        (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8);
    return HexFormat.of().formatHex(mac.doFinal(input));
  }

  PasswordVerifier verifier() {
    return verifier;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
