package dev.agentgate.proxy.observe.audit;

import static dev.agentgate.proxy.observe.audit.AuditTestEvents.lines;
import static dev.agentgate.proxy.observe.audit.AuditTestEvents.recordAll;
import static dev.agentgate.proxy.observe.audit.AuditTestEvents.writeLines;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifierTest {

  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void writeSixEvents() throws Exception {
    file = dir.resolve("audit.log");
    AuditLog log = AuditLog.open(file, AuditConfig.toFile(Path.of("audit.log")), Clock.systemUTC());
    log.startWriter();
    recordAll(log, 0, 6);
    log.close();
    assertThat(verify().message()).startsWith("OK 6 events");
  }

  @Test
  void aTamperedLineIsReportedByItsLineNumber() throws Exception {
    List<String> lines = lines(file);
    lines.set(2, lines.get(2).replace("\"action\":\"ALLOW\"", "\"action\":\"BLOCK\""));
    writeLines(file, lines);

    AuditVerifier.Result result = verify();

    assertThat(result.ok()).isFalse();
    assertThat(result.events()).isEqualTo(3);
    assertThat(result.message())
        .isEqualTo(
            file
                + ":3: changed: its hash does not match the prev recorded at "
                + file
                + ":4 (one of the two lines was edited)");
  }

  @Test
  void aTamperedLineWhoseSeqAndPrevWereKeptIsStillCaught() throws Exception {
    List<String> lines = lines(file);
    lines.set(4, lines.get(4).replace("alice", "mallory"));
    writeLines(file, lines);
    assertThat(verify().message()).startsWith(file + ":5: changed");
  }

  @Test
  void aDeletedLineIsReportedAsMissing() throws Exception {
    List<String> lines = lines(file);
    lines.remove(3);
    writeLines(file, lines);

    assertThat(verify().message())
        .isEqualTo(
            file
                + ":4: seq 4, expected 3: 1 event is missing before this line (deleted, or a file"
                + " left out)");
  }

  @Test
  void deletingTheFirstLineIsCaughtByTheSecond() throws Exception {
    List<String> lines = lines(file);
    lines.remove(0);
    lines.remove(0);
    writeLines(file, lines);
    // Starting mid-chain is allowed (rotated files go away), so the set looks like it starts at
    // seq 2 and verifies; what was removed from inside the chain is caught, as above.
    assertThat(verify().message()).contains("starts at seq 2");
  }

  @Test
  void aReorderedOrDuplicatedLineIsReported() throws Exception {
    List<String> lines = lines(file);
    lines.add(3, lines.get(2));
    writeLines(file, lines);
    assertThat(verify().message())
        .isEqualTo(
            file
                + ":4: seq 2, expected 3: a line repeated or out of order (or the files were given"
                + " out of order)");
  }

  @Test
  void damagedLinesAreReported() throws Exception {
    List<String> lines = lines(file);
    lines.set(1, "not json");
    writeLines(file, lines);
    assertThat(verify().message())
        .isEqualTo(file + ":2: not a JSON object (the line was damaged or edited)");

    lines = lines(file);
    lines.set(1, "{\"seq\":1}");
    writeLines(file, lines);
    assertThat(verify().message()).isEqualTo(file + ":2: no valid prev hash");

    Files.writeString(file, String.join("\n", lines(file).subList(0, 1)) + "\n{\"seq\":1,");
    assertThat(verify().message())
        .isEqualTo(file + ":2: incomplete line (no newline at the end: cut short?)");
  }

  @Test
  void aChainMustStartAtGenesisWhenItStartsAtSeqZero() throws Exception {
    List<String> lines = lines(file);
    lines.set(0, lines.get(0).replace(AuditChain.GENESIS, "1" + AuditChain.GENESIS.substring(1)));
    writeLines(file, lines);
    assertThat(verify().message()).startsWith(file + ":1: seq 0 must start the chain");
  }

  @Test
  void anEmptyFileIsAnEmptyChain() throws Exception {
    Files.writeString(file, "");
    assertThat(verify().message()).isEqualTo("OK 0 events");
  }

  @Test
  void rotatedFilesAreOrderedOldestFirstWhateverTheGlobOrder() {
    Path a = dir.resolve("audit.log");
    Path a1 = dir.resolve("audit.log.1");
    Path a2 = dir.resolve("audit.log.2");
    Path a10 = dir.resolve("audit.log.10");
    assertThat(AuditFiles.chronological(List.of(a, a1, a10, a2))).containsExactly(a10, a2, a1, a);
  }

  private AuditVerifier.Result verify() throws Exception {
    return AuditVerifier.verify(List.of(file));
  }
}
