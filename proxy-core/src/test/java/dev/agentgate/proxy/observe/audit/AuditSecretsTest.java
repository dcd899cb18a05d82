package dev.agentgate.proxy.observe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Confidence;
import dev.agentgate.policy.agents.Identification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing secret from a request reaches the audit log, even when it is in the request's facts. */
class AuditSecretsTest {

  private static final String PASSWORD = "hunter2-proxy-password";
  private static final String API_KEY = "sk-ant-api03-TESTSECRETVALUE0123456789";
  private static final String BEARER = "ghp_TESTBEARERTOKEN0123456789abcdef";
  private static final String COOKIE = "session=TESTCOOKIEVALUE42";
  private static final String QUERY_KEY = "AIzaTESTQUERYKEY0123456789";

  @TempDir Path dir;

  @Test
  void credentialsInHeadersPathAndEvidenceNeverReachTheLog() throws Exception {
    String proxyAuth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    EgressRequest request =
        EgressRequest.builder(Phase.HTTP, "api.anthropic.com", 443)
            .client("10.20.1.2:51514", "alice", Set.of("platform"))
            .tls(true, "api.anthropic.com", List.of("http/1.1"), "ja3hash", "t13d1516h2_x_y")
            .http(
                "POST",
                "/v1/messages?key=" + QUERY_KEY,
                Map.of(
                    "Proxy-Authorization", List.of(proxyAuth),
                    "Authorization", List.of("Bearer " + BEARER),
                    "x-api-key", List.of(API_KEY),
                    "Cookie", List.of(COOKIE),
                    "User-Agent", List.of("claude-cli/1.0.83")))
            .build();
    Identification agent =
        new Identification(
            "claude-code",
            List.of(),
            Confidence.HEADERS,
            List.of(
                "user-agent claude-cli/1.0.83",
                "x-api-key " + API_KEY, // a careless identifier: must not be trusted
                "Authorization: Bearer " + BEARER),
            false,
            null,
            "model-api");
    Decision decision =
        new Decision(Action.BLOCK, "no-sdk", "SDK use is not allowed", null, null, null, agent);

    AuditLog log =
        AuditLog.open(
            dir.resolve("audit.log"), AuditConfig.toFile(Path.of("audit.log")), Clock.systemUTC());
    log.startWriter();
    log.record(AuditEvents.decision(Instant.now(), "c1", request, decision, "v1", false).build());
    log.record(
        AuditEvent.close(Instant.now())
            .connection("c1")
            .client(request.clientAddress(), request.user(), request.groups())
            .traffic(100, 200, 5)
            .build());
    log.close();

    String written = Files.readString(dir.resolve("audit.log"), StandardCharsets.UTF_8);
    assertThat(written).contains("\"rule\":\"no-sdk\"", "\"user\":\"alice\"", "claude-cli/1.0.83");
    for (String secret :
        List.of(
            PASSWORD,
            API_KEY,
            BEARER,
            COOKIE,
            "TESTCOOKIEVALUE42",
            QUERY_KEY,
            proxyAuth.substring(6))) {
      assertThat(written).doesNotContain(secret);
    }
  }
}
