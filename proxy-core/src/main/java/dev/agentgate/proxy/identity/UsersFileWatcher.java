package dev.agentgate.proxy.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the current {@link UserDirectory}: loads the users file at start, then polls it on its own
 * timer thread and swaps in a new snapshot (one volatile write) when the content hash changes.
 * Reading by path each time follows a Kubernetes ConfigMap's symlink swap and an editor's
 * rename-on-save. An invalid or vanished file is logged and the last good snapshot stays.
 */
public final class UsersFileWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UsersFileWatcher.class);

  private final Path file;
  private final SecureRandom random;
  private final ScheduledExecutorService timer;
  private final AtomicLong reloads = new AtomicLong();
  private volatile UserDirectory current;
  // Guarded by this: the content hash of the last rejected file and the last problem logged, so
  // a file that stays broken is parsed and logged once, not on every poll.
  private String rejectedHash;
  private String lastProblem;

  private UsersFileWatcher(Path file, SecureRandom random, UserDirectory initial) {
    this.file = file;
    this.random = random;
    this.current = initial;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "agentgate-users-reload");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Loads {@code file} (failing with a one-line message when it is missing or invalid) and polls it
   * every {@code interval}; a zero interval never polls (tests call {@link #reloadNow()}).
   */
  public static UsersFileWatcher start(Path file, Duration interval, SecureRandom random) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "users file "
              + file
              + " not found (create it with: agentgate users add NAME --group GROUP --file "
              + file
              + ")",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("users file " + file + ": " + e.getMessage(), e);
    }
    UserDirectory initial = build(file, content, null, random);
    UsersFileWatcher watcher = new UsersFileWatcher(file, random, initial);
    log.info("users file {}: {} users", file, initial.size());
    if (!interval.isZero()) {
      long millis = interval.toMillis();
      watcher.timer.scheduleWithFixedDelay(
          watcher::pollQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }
    return watcher;
  }

  /** The current snapshot; never null. */
  public UserDirectory current() {
    return current;
  }

  /** How many times a changed file has been applied since start. */
  public long reloadCount() {
    return reloads.get();
  }

  /**
   * Reads the file now and applies it when its content changed.
   *
   * @return true when a new snapshot was swapped in
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it is invalid (the last good snapshot stays)
   */
  public synchronized boolean reloadNow() throws IOException {
    byte[] content = Files.readAllBytes(file);
    UserDirectory old = current;
    String hash = sha256(content);
    if (hash.equals(old.contentHash()) || hash.equals(rejectedHash)) {
      return false;
    }
    UserDirectory next;
    try {
      next = build(file, content, old, random);
    } catch (IllegalArgumentException e) {
      rejectedHash = hash;
      throw e;
    }
    rejectedHash = null;
    current = next;
    reloads.incrementAndGet();
    log.info("users file {} reloaded: {} users", file, next.size());
    return true;
  }

  private synchronized void pollQuietly() {
    try {
      reloadNow();
      lastProblem = null;
    } catch (IOException | IllegalArgumentException e) {
      // Keep serving with the last good users; the operator sees why in the log, once.
      String problem = e instanceof NoSuchFileException ? "file not found" : e.getMessage();
      if (!problem.equals(lastProblem)) {
        log.warn("users file {} not applied, keeping the last good one: {}", file, problem);
      }
      lastProblem = problem;
    } catch (RuntimeException e) {
      log.error("users file {}: reload failed", file, e);
    }
  }

  private static UserDirectory build(
      Path file, byte[] content, UserDirectory previous, SecureRandom random) {
    String text = new String(content, StandardCharsets.UTF_8);
    return UserDirectory.of(
        UsersFile.parse(text, file.toString()), sha256(content), previous, random);
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
