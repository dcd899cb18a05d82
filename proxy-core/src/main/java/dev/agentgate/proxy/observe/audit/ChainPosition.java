package dev.agentgate.proxy.observe.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an existing chain ends: the next sequence number and the hash of the last line written,
 * read from the newest audit file (or the newest rotated one when it is empty), so a restarted
 * proxy continues the chain rather than starting a new one.
 *
 * @param nextSeq the {@code seq} of the next line
 * @param lastHash the {@code prev} of the next line
 * @param needsNewline true when the file ends without a newline (a line cut short by a crash),
 *     which the writer terminates so that {@code audit verify} reports it rather than a merged line
 */
record ChainPosition(long nextSeq, String lastHash, boolean needsNewline) {

  static final ChainPosition START = new ChainPosition(0, AuditChain.GENESIS, false);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The end of the chain in {@code current}, or in {@code previous} when current is empty. */
  static ChainPosition resume(Path current, Path previous) throws IOException {
    if (Files.exists(current) && Files.size(current) > 0) {
      return endOf(current);
    }
    if (previous != null && Files.exists(previous) && Files.size(previous) > 0) {
      ChainPosition p = endOf(previous);
      return new ChainPosition(p.nextSeq, p.lastHash, false);
    }
    return START;
  }

  private static ChainPosition endOf(Path file) throws IOException {
    RawLineReader.Line last = lastLine(file);
    Long seq = last == null ? null : seqOf(last.bytes());
    if (seq != null) {
      return new ChainPosition(seq + 1, AuditChain.hash(last.bytes()), !last.terminated());
    }
    return endOfDamaged(file);
  }

  /** The last line, read backwards from the end in blocks. */
  private static RawLineReader.Line lastLine(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long size = raf.length();
      if (size == 0) {
        return null;
      }
      raf.seek(size - 1);
      boolean terminated = raf.read() == '\n';
      long end = terminated ? size - 1 : size;
      long start = end;
      byte[] block = new byte[8192];
      search:
      while (start > 0) {
        int n = (int) Math.min(block.length, start);
        raf.seek(start - n);
        raf.readFully(block, 0, n);
        for (int i = n - 1; i >= 0; i--) {
          if (block[i] == '\n') {
            start = start - n + i + 1;
            break search;
          }
        }
        start -= n;
      }
      byte[] line = new byte[Math.toIntExact(end - start)];
      raf.seek(start);
      raf.readFully(line);
      return new RawLineReader.Line(line, terminated);
    }
  }

  /**
   * After a crash the last line may be damaged: read the file forward keeping the last line and the
   * last {@code seq} that parses, so the next line still links to the damaged line's hash.
   */
  private static ChainPosition endOfDamaged(Path file) throws IOException {
    long lastGoodSeq = -1;
    long linesSinceGood = 0;
    RawLineReader.Line last = null;
    try (InputStream in = Files.newInputStream(file);
        RawLineReader reader = new RawLineReader(in)) {
      RawLineReader.Line line;
      while ((line = reader.next()) != null) {
        last = line;
        Long seq = seqOf(line.bytes());
        if (seq != null) {
          lastGoodSeq = seq;
          linesSinceGood = 0;
        } else {
          linesSinceGood++;
        }
      }
    }
    if (last == null) {
      return START;
    }
    return new ChainPosition(
        lastGoodSeq + linesSinceGood + 1, AuditChain.hash(last.bytes()), !last.terminated());
  }

  private static Long seqOf(byte[] line) {
    try {
      JsonNode node = JSON.readTree(line);
      JsonNode seq = node == null ? null : node.get("seq");
      return seq != null && seq.canConvertToLong() && seq.isIntegralNumber() ? seq.asLong() : null;
    } catch (IOException e) {
      return null; // a damaged line: counted, and reported by audit verify
    }
  }
}
