package dev.agentgate.policy.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The policy file, polled. Each poll reads the file by its path (following symlinks afresh, so the
 * atomic {@code ..data} symlink swap of a Kubernetes ConfigMap volume and an editor's
 * rename-on-save are both just new content) and its detached signature {@code FILE.sig} if there is
 * one, and offers them to the store only when their content hash differs from the last poll's. So
 * an unchanged file costs a read and a hash, a half-written file is rejected (the next poll, seeing
 * the finished content, tries again), and a rejected file is not retried until it changes.
 *
 * <p>Not thread-safe: one poller thread calls {@link #poll}.
 */
public final class FilePolicySource {
  private final Path file;
  private final Path signatureFile;
  private final PolicyStore store;
  private String lastSeen;

  public FilePolicySource(Path file, PolicyStore store) {
    this.file = Objects.requireNonNull(file, "file");
    this.signatureFile = file.resolveSibling(file.getFileName() + ".sig");
    this.store = Objects.requireNonNull(store, "store");
  }

  public Path file() {
    return file;
  }

  public Path signatureFile() {
    return signatureFile;
  }

  /**
   * Reads the file and offers it to the store if it changed since the last poll.
   *
   * @param source {@link PolicySource#STARTUP} for the first load, {@link PolicySource#FILE} after
   * @return what the store did, or {@code null} when nothing changed (or the file was being written
   *     while it was read: the next poll reads it again)
   */
  public ReloadEvent poll(PolicySource source) {
    byte[] content;
    String signature;
    try {
      BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
      if (before.size() > PolicyStore.DEFAULT_MAX_BYTES) {
        return once(
            source,
            "size " + before.size(),
            "policy: "
                + before.size()
                + " bytes (expected: at most "
                + PolicyStore.DEFAULT_MAX_BYTES
                + ")");
      }
      content = Files.readAllBytes(file);
      signature = readSignature();
      BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
      if (changedWhileReading(before, after, content.length)) {
        return null;
      }
    } catch (NoSuchFileException e) {
      return once(source, "missing", "file: " + file + ": no such file (expected: the policy)");
    } catch (IOException e) {
      return once(source, "io " + e, "file: " + file + ": cannot read: " + e.getMessage());
    }
    String seen =
        PolicyStore.sha256(content)
            + "/"
            + (signature == null
                ? "-"
                : PolicyStore.sha256(signature.getBytes(StandardCharsets.UTF_8)));
    if (seen.equals(lastSeen)) {
      return null;
    }
    lastSeen = seen;
    return store.apply(new PolicyUpdate(source, file.toString(), content, signature));
  }

  private String readSignature() throws IOException {
    try {
      return new String(Files.readAllBytes(signatureFile), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** A read problem is reported once, not at every poll while it lasts. */
  private ReloadEvent once(PolicySource source, String key, String problem) {
    String seen = "error " + key;
    if (seen.equals(lastSeen)) {
      return null;
    }
    lastSeen = seen;
    return store.failed(source, file.toString(), problem);
  }

  private static boolean changedWhileReading(
      BasicFileAttributes before, BasicFileAttributes after, int bytesRead) {
    return !Objects.equals(before.fileKey(), after.fileKey())
        || !before.lastModifiedTime().equals(after.lastModifiedTime())
        || after.size() != bytesRead;
  }
}
