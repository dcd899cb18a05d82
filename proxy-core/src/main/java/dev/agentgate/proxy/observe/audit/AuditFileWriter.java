package dev.agentgate.proxy.observe.audit;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Appends chained lines to the audit file and rotates it by size ({@code audit.log} becomes {@code
 * audit.log.1}, {@code .1} becomes {@code .2}, ..., the oldest beyond {@code keepFiles} is
 * deleted). The chain runs on across files: the first line of a new file carries the hash of the
 * last line of the previous one. Used by one thread only (the audit writer).
 */
final class AuditFileWriter implements Closeable {

  private final Path file;
  private final long rotateBytes;
  private final int keepFiles;
  private final boolean fsync;
  private final AuditLineEncoder encoder = new AuditLineEncoder();
  private final MessageDigest sha256 = AuditChain.sha256();

  private FileChannel channel;
  private OutputStream out;
  private long size;
  private long nextSeq;
  private String lastHash;

  /**
   * Opens {@code file} for appending and continues the chain found in it (or in {@code file.1}).
   *
   * @param rotateBytes the size after which the file is rotated; 0 never rotates
   * @param keepFiles how many rotated files are kept
   */
  AuditFileWriter(Path file, long rotateBytes, int keepFiles, boolean fsync) throws IOException {
    this.file = file;
    this.rotateBytes = rotateBytes;
    this.keepFiles = keepFiles;
    this.fsync = fsync;
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ChainPosition position = ChainPosition.resume(file, rotated(1));
    this.nextSeq = position.nextSeq();
    this.lastHash = position.lastHash();
    open();
    if (position.needsNewline()) {
      write(new byte[0], 0); // ends the damaged line; audit verify reports it
    }
  }

  /** Writes one event as the next line of the chain (buffered; see {@link #flush()}). */
  void append(AuditEvent event) throws IOException {
    int length = encoder.encode(nextSeq, lastHash, event);
    byte[] line = encoder.buffer();
    if (rotateBytes > 0 && size > 0 && size + length + 1 > rotateBytes) {
      rotate();
    }
    write(line, length);
    lastHash = AuditChain.hash(sha256, line, length);
    nextSeq++;
  }

  private void write(byte[] line, int length) throws IOException {
    out.write(line, 0, length);
    out.write('\n');
    size += length + 1;
  }

  /** Hands buffered lines to the operating system (and the disk, with fsync). */
  void flush() throws IOException {
    out.flush();
    if (fsync) {
      channel.force(false);
    }
  }

  private void open() throws IOException {
    channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    size = channel.size();
  }

  private void rotate() throws IOException {
    flush();
    out.close();
    Files.deleteIfExists(rotated(keepFiles));
    for (int i = keepFiles - 1; i >= 1; i--) {
      Path from = rotated(i);
      if (Files.exists(from)) {
        Files.move(from, rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    open();
  }

  private Path rotated(int index) {
    return file.resolveSibling(file.getFileName() + "." + index);
  }

  /** The hash of the last line written: the chain's head. */
  String lastHash() {
    return lastHash;
  }

  /** The sequence number the next line will carry. */
  long nextSeq() {
    return nextSeq;
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }
}
