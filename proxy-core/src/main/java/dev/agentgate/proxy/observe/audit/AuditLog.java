package dev.agentgate.proxy.observe.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: event loops {@link #record} events into a bounded queue (never blocking), and one
 * writer thread drains it in batches into the chained, rotated file. When the queue is full an
 * event is dropped and counted; the writer then writes a {@code dropped} event with the count into
 * the chain, so a loss is visible in the log itself as well as in the metric. In fail-closed mode
 * {@link #acceptingNewConnections()} turns false before the queue is completely full (leaving room
 * for the events of connections already open) and while the file cannot be written.
 */
public final class AuditLog implements AuditSink, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
  private static final int BATCH = 512;
  // How long the writer sleeps when the queue is empty: the most an event waits before it is
  // written. At the default queue of 8192 it takes over 800 k events/s to fill the queue in this
  // time.
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final Path file;
  private final AuditConfig config;
  private final Clock clock;
  private final BlockingQueue<AuditEvent> queue;
  private final int saturatedAt;
  private final LongAdder dropped = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final Thread writerThread;
  private volatile boolean running = true;
  private volatile boolean writable = true;
  private volatile String head;

  // Writer thread only.
  private AuditFileWriter writer;
  private long droppedNoted;
  private String lastProblem;

  private AuditLog(Path file, AuditConfig config, Clock clock) throws IOException {
    this.file = file;
    this.config = config;
    this.clock = clock;
    this.queue = new ArrayBlockingQueue<>(config.queue());
    this.saturatedAt = config.queue() - Math.max(1, config.queue() / 8);
    this.writer = openWriter();
    this.head = writer.lastHash();
    this.writerThread = new Thread(this::drain, "agentgate-audit-writer");
    this.writerThread.setDaemon(true);
  }

  /**
   * Opens the audit file (continuing its chain) and starts the writer thread.
   *
   * @throws IOException when the file or its directory cannot be opened: the proxy must not start
   *     without the audit log it was configured with
   */
  public static AuditLog start(AuditConfig config) throws IOException {
    AuditLog auditLog = open(config.file(), config, Clock.systemUTC());
    auditLog.startWriter();
    return auditLog;
  }

  /** Opens without starting the writer (tests fill the queue first). */
  static AuditLog open(Path file, AuditConfig config, Clock clock) throws IOException {
    return new AuditLog(file, config, clock);
  }

  void startWriter() {
    writerThread.start();
  }

  @Override
  public boolean record(AuditEvent event) {
    if (queue.offer(event)) {
      return true;
    }
    dropped.increment();
    return false;
  }

  @Override
  public boolean acceptingNewConnections() {
    if (config.whenFull() == AuditConfig.WhenFull.FAIL_OPEN) {
      return true;
    }
    return writable && queue.size() < saturatedAt;
  }

  @Override
  public long droppedCount() {
    return dropped.sum();
  }

  /** Events written since start. */
  public long writtenCount() {
    return written.sum();
  }

  /** Events waiting for the writer. */
  public int queued() {
    return queue.size();
  }

  /** The hash of the last line written (record it elsewhere to detect a truncated tail later). */
  public String headHash() {
    return head;
  }

  private void drain() {
    List<AuditEvent> batch = new ArrayList<>(BATCH);
    while (running || !queue.isEmpty()) {
      queue.drainTo(batch, BATCH);
      if (batch.isEmpty()) {
        // Park for a fixed interval rather than wait on the queue: a writer blocked in poll() is
        // woken by every single offer, which costs the event loop a futex call (and a context
        // switch on a busy core) per event, and the writer a write() per event.
        LockSupport.parkNanos(this, LINGER_NANOS);
        if (Thread.currentThread().isInterrupted()) {
          break; // parkNanos returns at once while interrupted: stop rather than spin
        }
        continue;
      }
      try {
        writeBatch(batch);
      } finally {
        batch.clear();
      }
    }
    closeWriter();
  }

  private void writeBatch(List<AuditEvent> batch) {
    try {
      if (writer == null) {
        writer = openWriter(); // continues the chain from what is actually on disk
      }
      long lost = dropped.sum() - droppedNoted;
      if (lost > 0) {
        writer.append(AuditEvent.dropped(clock.instant(), lost));
      }
      for (AuditEvent event : batch) {
        writer.append(event);
      }
      writer.flush();
      droppedNoted += lost;
      written.add(batch.size());
      head = writer.lastHash();
      if (!writable) {
        log.info("audit log {} is writable again", file);
      }
      writable = true;
      lastProblem = null;
    } catch (IOException | RuntimeException e) {
      // The batch is lost: count it (the next dropped event records it) and reopen next time.
      dropped.add(batch.size());
      writable = false;
      closeWriter();
      String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
      if (!problem.equals(lastProblem)) {
        log.error("audit log {} cannot be written, events are being dropped: {}", file, problem);
      }
      lastProblem = problem;
    }
  }

  private AuditFileWriter openWriter() throws IOException {
    return new AuditFileWriter(file, config.rotateBytes(), config.keepFiles(), config.fsync());
  }

  private void closeWriter() {
    if (writer == null) {
      return;
    }
    try {
      writer.close();
    } catch (IOException e) {
      log.warn("audit log {}: close failed: {}", file, e.getMessage());
    }
    writer = null;
  }

  /** Stops accepting work, writes what is queued and closes the file (waits up to 10 seconds). */
  @Override
  public void close() {
    running = false;
    LockSupport.unpark(writerThread);
    if (!writerThread.isAlive()) {
      if (writerThread.getState() == Thread.State.NEW) {
        closeWriter(); // never started: nothing was written
      }
      return;
    }
    try {
      writerThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writerThread.isAlive()) {
      log.warn("audit log {}: writer still busy after 10s, {} events unwritten", file, queued());
    }
  }
}
