package dev.agentgate.proxy.observe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class AuditLineEncoderTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void timeIsTheInstantTruncatedToMillisAsTheJdkPrintsIt() throws Exception {
    AuditLineEncoder encoder = new AuditLineEncoder(); // reused: the per-second cache is exercised
    String[] times = {
      "2025-03-01T09:30:00Z",
      "2025-03-01T09:30:00.001Z",
      "2025-03-01T09:30:00.010Z",
      "2025-03-01T09:30:00.100Z",
      "2025-03-01T09:30:00.999999999Z",
      "2025-03-01T09:30:01.000500Z",
      "2025-03-01T09:30:00.120Z",
      "1969-12-31T23:59:59.5Z",
      "+10000-01-01T00:00:00.042Z",
    };
    for (String text : times) {
      Instant time = Instant.parse(text);
      int length = encoder.encode(3, AuditChain.GENESIS, AuditEvent.dropped(time, 1));
      JsonNode line =
          json.readTree(new String(encoder.buffer(), 0, length, StandardCharsets.UTF_8));
      assertThat(line.get("time").asText())
          .as(text)
          .isEqualTo(time.truncatedTo(ChronoUnit.MILLIS).toString());
    }
  }

  @Test
  void consecutiveLinesAreSeparateObjects() throws Exception {
    AuditLineEncoder encoder = new AuditLineEncoder();
    encoder.encode(0, AuditChain.GENESIS, AuditEvent.dropped(AuditTestEvents.T0, 1));
    int length = encoder.encode(1, "ab", AuditEvent.dropped(AuditTestEvents.T0, 2));
    String line = new String(encoder.buffer(), 0, length, StandardCharsets.UTF_8);
    assertThat(line).startsWith("{\"seq\":1,\"prev\":\"ab\",").endsWith("\"dropped\":2}");
  }
}
