package dev.agentgate.proxy.observe.audit;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Confidence;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Events and file helpers for audit tests. */
final class AuditTestEvents {

  static final Instant T0 = Instant.parse("2025-03-01T09:30:00.125Z");

  private AuditTestEvents() {}

  static AuditEvent decision(int i) {
    return AuditEvent.decision(T0.plusSeconds(i))
        .connection("c" + i)
        .client("10.20.1.2:5" + (1000 + i), "alice", List.of("platform", "devs"))
        .destination("api.anthropic.com", 443, "160.79.104.10")
        .tls("api.anthropic.com", List.of("h2", "http/1.1"), "0123456789abcdef", "t13d1516h2_ab_cd")
        .agent("claude-code", Confidence.HOST_TLS, List.of("host api.anthropic.com"))
        .decision(Phase.TLS, i % 2 == 0 ? Action.ALLOW : Action.BLOCK, "rule-" + i, "reason " + i)
        .policyVersion("v7")
        .build();
  }

  static void recordAll(AuditSink sink, int from, int count) {
    for (int i = from; i < from + count; i++) {
      sink.record(decision(i));
    }
  }

  static List<String> lines(Path file) throws Exception {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static void writeLines(Path file, List<String> lines) throws Exception {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  static AuditConfig config(long rotateBytes, int keepFiles, int queue, AuditConfig.WhenFull w) {
    return new AuditConfig(Path.of("audit.log"), rotateBytes, keepFiles, queue, w, false);
  }
}
