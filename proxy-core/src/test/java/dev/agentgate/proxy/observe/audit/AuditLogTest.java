package dev.agentgate.proxy.observe.audit;

import static dev.agentgate.proxy.observe.audit.AuditTestEvents.config;
import static dev.agentgate.proxy.observe.audit.AuditTestEvents.lines;
import static dev.agentgate.proxy.observe.audit.AuditTestEvents.recordAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentgate.policy.Action;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Confidence;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(AuditTestEvents.T0, ZoneOffset.UTC);

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("audit.log");
  }

  private AuditLog started(AuditConfig config) throws Exception {
    AuditLog log = AuditLog.open(file(), config, CLOCK);
    log.startWriter();
    return log;
  }

  @Test
  void eachLineCarriesItsSeqAndTheHashOfThePreviousLine() throws Exception {
    try (AuditLog log = started(AuditConfig.toFile(Path.of("audit.log")))) {
      recordAll(log, 0, 5);
    }
    List<String> lines = lines(file());
    assertThat(lines).hasSize(5);
    for (int i = 0; i < lines.size(); i++) {
      JsonNode node = JSON.readTree(lines.get(i));
      assertThat(node.get("seq").asLong()).isEqualTo(i);
      String expectedPrev =
          i == 0
              ? AuditChain.GENESIS
              : AuditChain.hash(lines.get(i - 1).getBytes(StandardCharsets.UTF_8));
      assertThat(node.get("prev").asText()).isEqualTo(expectedPrev);
    }
    assertThat(verify(file()).message()).startsWith("OK 5 events (seq 0..4, head ");
  }

  @Test
  void aFullEventIsOneJsonLineWithEveryFact() throws Exception {
    AuditEvent decision =
        AuditEvent.decision(AuditTestEvents.T0)
            .connection("c42")
            .client("10.20.1.2:51514", "alice", List.of("platform", "devs"))
            .destination("api.anthropic.com", 443, "160.79.104.10")
            .tls(
                "api.anthropic.com",
                List.of("http/1.1"),
                "e7d705a3286e19ea42f587b344ee6865",
                "t13d1516h2_8daaf6152771_02713d6af862")
            .agent("claude-code", Confidence.HEADERS, List.of("user-agent claude-cli/1.0.83"))
            .decision(Phase.HTTP, Action.REDACT, "platform-redact", "platform may use Claude Code")
            .reports(false, List.of(new AuditReport("ban-sdk", Action.BLOCK, "would block SDKs")))
            .policyVersion("v7")
            .findings(
                List.of(new AuditFinding("aws-access-key", "$.messages[2].content", 1, "3f9a")))
            .build();
    AuditEvent close =
        AuditEvent.close(AuditTestEvents.T0.plusSeconds(3))
            .connection("c42")
            .client("10.20.1.2:51514", "alice", List.of("platform", "devs"))
            .destination("api.anthropic.com", 443, "160.79.104.10")
            .traffic(18234, 96120, 3012)
            .build();
    try (AuditLog log = started(AuditConfig.toFile(Path.of("audit.log")))) {
      log.record(decision);
      log.record(close);
    }
    List<String> lines = lines(file());
    assertThat(lines.get(0))
        .isEqualTo(
            "{\"seq\":0,\"prev\":\""
                + AuditChain.GENESIS
                + "\",\"time\":\"2025-03-01T09:30:00.125Z\",\"event\":\"decision\",\"conn\":\"c42\","
                + "\"client\":\"10.20.1.2:51514\",\"user\":\"alice\",\"groups\":[\"devs\",\"platform\"],"
                + "\"host\":\"api.anthropic.com\",\"port\":443,\"resolved\":\"160.79.104.10\","
                + "\"sni\":\"api.anthropic.com\",\"alpn\":[\"http/1.1\"],"
                + "\"ja3\":\"e7d705a3286e19ea42f587b344ee6865\","
                + "\"ja4\":\"t13d1516h2_8daaf6152771_02713d6af862\",\"agent\":\"claude-code\","
                + "\"confidence\":\"HEADERS\",\"evidence\":[\"user-agent claude-cli/1.0.83\"],"
                + "\"phase\":\"HTTP\",\"action\":\"REDACT\",\"rule\":\"platform-redact\","
                + "\"reason\":\"platform may use Claude Code\",\"reports\":[{\"rule\":\"ban-sdk\","
                + "\"would\":\"BLOCK\",\"reason\":\"would block SDKs\"}],\"policy_version\":\"v7\","
                + "\"findings\":[{\"detector\":\"aws-access-key\",\"location\":\"$.messages[2].content\","
                + "\"count\":1,\"hash\":\"3f9a\"}]}");
    JsonNode closeLine = JSON.readTree(lines.get(1));
    assertThat(closeLine.get("event").asText()).isEqualTo("close");
    assertThat(closeLine.get("bytes_up").asLong()).isEqualTo(18234);
    assertThat(closeLine.get("bytes_down").asLong()).isEqualTo(96120);
    assertThat(closeLine.get("duration_ms").asLong()).isEqualTo(3012);
    assertThat(closeLine.has("action")).isFalse();
  }

  @Test
  void aControlCharacterFromAClientCannotSplitALine() throws Exception {
    try (AuditLog log = started(AuditConfig.toFile(Path.of("audit.log")))) {
      log.record(
          AuditEvent.decision(AuditTestEvents.T0)
              .destination("evil\n{\"seq\":99}", 443, null)
              .build());
    }
    assertThat(lines(file())).hasSize(1);
    assertThat(verify(file()).ok()).isTrue();
  }

  @Test
  void aRestartedLogContinuesTheChain() throws Exception {
    try (AuditLog log = started(AuditConfig.toFile(Path.of("audit.log")))) {
      recordAll(log, 0, 3);
    }
    try (AuditLog log = started(AuditConfig.toFile(Path.of("audit.log")))) {
      assertThat(log.headHash())
          .isEqualTo(AuditChain.hash(lines(file()).get(2).getBytes(StandardCharsets.UTF_8)));
      recordAll(log, 3, 2);
    }
    AuditVerifier.Result result = verify(file());
    assertThat(result.ok()).as(result.message()).isTrue();
    assertThat(result.events()).isEqualTo(5);
  }

  @Test
  void aLineCutShortByACrashIsReportedAndTheChainGoesOnAfterIt() throws Exception {
    try (AuditLog log = started(AuditConfig.toFile(Path.of("audit.log")))) {
      recordAll(log, 0, 3);
    }
    Files.writeString(
        file(), "{\"seq\":3,\"prev\":\"ab", java.nio.file.StandardOpenOption.APPEND); // the crash
    try (AuditLog log = started(AuditConfig.toFile(Path.of("audit.log")))) {
      recordAll(log, 4, 2);
    }
    List<String> lines = lines(file());
    assertThat(lines).hasSize(6);
    assertThat(JSON.readTree(lines.get(4)).get("seq").asLong()).isEqualTo(4);
    assertThat(JSON.readTree(lines.get(4)).get("prev").asText())
        .isEqualTo(AuditChain.hash(lines.get(3).getBytes(StandardCharsets.UTF_8)));
    assertThat(verify(file()).message())
        .isEqualTo(file() + ":4: not a JSON object (the line was damaged or edited)");
  }

  @Test
  void rotationBySizeKeepsTheChainAcrossFiles() throws Exception {
    try (AuditLog log = started(config(1500, 50, 8192, AuditConfig.WhenFull.FAIL_OPEN))) {
      recordAll(log, 0, 20);
    }
    List<Path> files = rotatedSet();
    assertThat(files.size()).isGreaterThanOrEqualTo(4);
    for (Path f : files) {
      assertThat(Files.size(f)).isLessThanOrEqualTo(1500);
    }
    // The newest file's first line links to the last line of the one before it.
    List<String> previous = lines(dir.resolve("audit.log.1"));
    JsonNode first = JSON.readTree(lines(file()).get(0));
    assertThat(first.get("prev").asText())
        .isEqualTo(
            AuditChain.hash(previous.get(previous.size() - 1).getBytes(StandardCharsets.UTF_8)));

    AuditVerifier.Result all = AuditVerifier.verify(AuditFiles.chronological(files));
    assertThat(all.ok()).as(all.message()).isTrue();
    assertThat(all.events()).isEqualTo(20);
    assertThat(all.message()).startsWith("OK 20 events (seq 0..19, head ");

    // The newest file alone verifies, and says where it starts.
    assertThat(verify(file()).message()).contains("starts at seq");

    // A rotated file left out in the middle is a gap in the chain.
    List<Path> withoutMiddle = AuditFiles.chronological(files);
    Path removed = withoutMiddle.remove(1);
    AuditVerifier.Result gap = AuditVerifier.verify(withoutMiddle);
    assertThat(gap.ok()).isFalse();
    assertThat(gap.message())
        .startsWith(withoutMiddle.get(1) + ":1: seq ")
        .contains("missing before this line");
    assertThat(removed).isNotNull();
  }

  @Test
  void rotationDeletesFilesBeyondKeepFiles() throws Exception {
    try (AuditLog log = started(config(600, 2, 8192, AuditConfig.WhenFull.FAIL_OPEN))) {
      recordAll(log, 0, 20);
    }
    assertThat(rotatedSet())
        .containsExactlyInAnyOrder(
            dir.resolve("audit.log"), dir.resolve("audit.log.1"), dir.resolve("audit.log.2"));
    AuditVerifier.Result result = AuditVerifier.verify(AuditFiles.chronological(rotatedSet()));
    assertThat(result.ok()).as(result.message()).isTrue();
    assertThat(result.message()).contains("starts at seq");
  }

  @Test
  void failOpenDropsWhenFullCountsAndNotesTheLossInTheChain() throws Exception {
    AuditLog log = AuditLog.open(file(), config(0, 1, 16, AuditConfig.WhenFull.FAIL_OPEN), CLOCK);
    try {
      recordAll(log, 0, 20); // the writer is not running yet: 16 fit, 4 are dropped
      assertThat(log.droppedCount()).isEqualTo(4);
      assertThat(log.queued()).isEqualTo(16);
      assertThat(log.acceptingNewConnections()).isTrue();
      log.startWriter();
    } finally {
      log.close();
    }
    List<String> lines = lines(file());
    JsonNode note = JSON.readTree(lines.get(0));
    assertThat(note.get("event").asText()).isEqualTo("dropped");
    assertThat(note.get("dropped").asLong()).isEqualTo(4);
    assertThat(lines).hasSize(17);
    assertThat(log.writtenCount()).isEqualTo(16);
    assertThat(verify(file()).message()).startsWith("OK 17 events");
  }

  @Test
  void failClosedStopsAcceptingConnectionsBeforeTheQueueIsFullAndRecovers() throws Exception {
    AuditLog log = AuditLog.open(file(), config(0, 1, 16, AuditConfig.WhenFull.FAIL_CLOSED), CLOCK);
    try {
      recordAll(log, 0, 13);
      assertThat(log.acceptingNewConnections()).isTrue();
      recordAll(log, 13, 1); // 14 of 16: the last two slots are for connections already open
      assertThat(log.acceptingNewConnections()).isFalse();
      recordAll(log, 14, 2);
      assertThat(log.droppedCount()).isZero();
      log.startWriter();
      await().until(log::acceptingNewConnections);
    } finally {
      log.close();
    }
    assertThat(verify(file()).message()).startsWith("OK 16 events");
  }

  private List<Path> rotatedSet() throws Exception {
    try (var stream = Files.list(dir)) {
      return stream
          .filter(p -> p.getFileName().toString().startsWith("audit.log"))
          .sorted()
          .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    }
  }

  private static AuditVerifier.Result verify(Path file) throws Exception {
    return AuditVerifier.verify(List.of(file));
  }
}
