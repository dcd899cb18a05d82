package dev.agentgate.proxy.observe.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a chain of audit files, oldest first, and reports the first line that is broken (changed,
 * not JSON, cut short) or missing (a gap in {@code seq}), or OK with the number of events.
 */
public final class AuditVerifier {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /**
   * The outcome.
   *
   * @param ok true when the whole chain is intact
   * @param events lines checked and found good
   * @param message {@code OK ...} or {@code file:line: what is wrong}
   */
  public record Result(boolean ok, long events, String message) {}

  /** A file of the chain could not be read; {@link #file()} names it, the cause says why. */
  public static final class UnreadableFileException extends IOException {
    private final transient Path file;

    UnreadableFileException(Path file, IOException cause) {
      super(file + ": " + cause.getMessage(), cause);
      this.file = file;
    }

    public Path file() {
      return file;
    }

    /** The I/O error that stopped the read. */
    public IOException reason() {
      return (IOException) getCause();
    }
  }

  private AuditVerifier() {}

  /**
   * Verifies {@code files} as one chain, in the order given (see {@link AuditFiles}).
   *
   * @throws UnreadableFileException when a file cannot be read (missing, a directory, ...)
   */
  public static Result verify(List<Path> files) throws UnreadableFileException {
    State state = new State();
    for (Path file : files) {
      String failure;
      try {
        failure = verifyFile(file, state);
      } catch (IOException e) {
        throw new UnreadableFileException(file, e);
      }
      if (failure != null) {
        return new Result(false, state.events, failure);
      }
    }
    if (state.events == 0) {
      return new Result(true, 0, "OK 0 events");
    }
    String start =
        state.firstSeq == 0
            ? ""
            : ", starts at seq "
                + state.firstSeq
                + " (the files before it were not given or were rotated away)";
    return new Result(
        true,
        state.events,
        "OK "
            + state.events
            + " events (seq "
            + state.firstSeq
            + ".."
            + (state.expectedSeq - 1)
            + ", head "
            + state.prevHash
            + start
            + ")");
  }

  /** Where the walk along the chain is. */
  private static final class State {
    long events;
    long firstSeq = -1;
    long expectedSeq = -1;
    String prevHash;
    String prevWhere;
  }

  private static String verifyFile(Path file, State state) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        RawLineReader reader = new RawLineReader(in)) {
      long lineNo = 0;
      RawLineReader.Line line;
      while ((line = reader.next()) != null) {
        lineNo++;
        String where = file + ":" + lineNo;
        String failure = checkLine(line, where, state);
        if (failure != null) {
          return failure;
        }
        state.prevHash = AuditChain.hash(line.bytes());
        state.prevWhere = where;
        state.events++;
      }
    }
    return null;
  }

  private static String checkLine(RawLineReader.Line line, String where, State state) {
    if (!line.terminated()) {
      return where + ": incomplete line (no newline at the end: cut short?)";
    }
    JsonNode node;
    try {
      node = JSON.readTree(line.bytes());
    } catch (IOException e) {
      return where + ": not a JSON object (the line was damaged or edited)";
    }
    if (node == null || !node.isObject()) {
      return where + ": not a JSON object (the line was damaged or edited)";
    }
    JsonNode seqNode = node.get("seq");
    JsonNode prevNode = node.get("prev");
    if (seqNode == null || !seqNode.isIntegralNumber() || seqNode.asLong() < 0) {
      return where + ": no valid seq";
    }
    if (prevNode == null || !prevNode.isTextual() || !HEX64.matcher(prevNode.asText()).matches()) {
      return where + ": no valid prev hash";
    }
    long seq = seqNode.asLong();
    String prev = prevNode.asText();
    if (state.expectedSeq < 0) {
      if (seq == 0 && !prev.equals(AuditChain.GENESIS)) {
        return where + ": seq 0 must start the chain (prev " + AuditChain.GENESIS + ")";
      }
      state.firstSeq = seq;
    } else if (seq > state.expectedSeq) {
      long missing = seq - state.expectedSeq;
      return where
          + ": seq "
          + seq
          + ", expected "
          + state.expectedSeq
          + ": "
          + missing
          + (missing == 1 ? " event is" : " events are")
          + " missing before this line (deleted, or a file left out)";
    } else if (seq < state.expectedSeq) {
      return where
          + ": seq "
          + seq
          + ", expected "
          + state.expectedSeq
          + ": a line repeated or out of order (or the files were given out of order)";
    } else if (!prev.equals(state.prevHash)) {
      return state.prevWhere
          + ": changed: its hash does not match the prev recorded at "
          + where
          + " (one of the two lines was edited)";
    }
    state.expectedSeq = seq + 1;
    return null;
  }
}
