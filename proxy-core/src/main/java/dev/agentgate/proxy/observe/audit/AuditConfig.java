package dev.agentgate.proxy.observe.audit;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code audit:} section of the proxy configuration (read by the config loader).
 *
 * @param file the audit log (key {@code log}), relative to the configuration file's directory;
 *     absent disables it
 * @param rotateBytes rotate when the file would grow past this size (key {@code rotate_size};
 *     default 100 MiB; 0 never)
 * @param keepFiles rotated files kept ({@code audit.log.1} ... {@code .N}; default 10)
 * @param queue events that may wait for the writer (default 8192)
 * @param whenFull what a full queue does: {@code fail_open} (drop and count events, the default) or
 *     {@code fail_closed} (refuse new connections until the writer catches up)
 * @param fsync force each batch of lines to disk, not only to the operating system
 */
public record AuditConfig(
    Path file,
    Long rotateBytes,
    Integer keepFiles,
    Integer queue,
    WhenFull whenFull,
    boolean fsync) {

  public AuditConfig {
    rotateBytes = rotateBytes == null ? 100L * 1024 * 1024 : rotateBytes;
    keepFiles = keepFiles == null ? 10 : keepFiles;
    queue = queue == null ? 8192 : queue;
    whenFull = whenFull == null ? WhenFull.FAIL_OPEN : whenFull;
    if (rotateBytes < 0) {
      throw new IllegalArgumentException(
          "audit.rotate_size: "
              + rotateBytes
              + " (expected: a size such as 100MiB, 0 never rotates)");
    }
    if (keepFiles < 1) {
      throw new IllegalArgumentException(
          "audit.keep_files: " + keepFiles + " (expected: a number >= 1)");
    }
    if (queue < 16) {
      throw new IllegalArgumentException("audit.queue: " + queue + " (expected: a number >= 16)");
    }
  }

  /** Audit to {@code file} with the defaults. */
  public static AuditConfig toFile(Path file) {
    return new AuditConfig(file, null, null, null, null, false);
  }

  /** No audit log. */
  public static AuditConfig off() {
    return toFile(null);
  }

  /** True when an audit file is configured. */
  public boolean enabled() {
    return file != null;
  }

  /** What a full queue does. */
  public enum WhenFull {
    /** Drop the event and count it; the proxy keeps serving. */
    FAIL_OPEN,
    /** Refuse new connections while the queue is (nearly) full or the file cannot be written. */
    FAIL_CLOSED;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static WhenFull parse(String value) {
      for (WhenFull w : values()) {
        if (w.configName().equalsIgnoreCase(value == null ? "" : value.trim())) {
          return w;
        }
      }
      throw new IllegalArgumentException(
          "audit.when_full: " + value + " (expected: fail_open, fail_closed)");
    }
  }
}
