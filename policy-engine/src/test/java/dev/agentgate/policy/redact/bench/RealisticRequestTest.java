package dev.agentgate.policy.redact.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.redact.ApiShape;
import dev.agentgate.policy.redact.RedactionResult;
import dev.agentgate.policy.redact.Redactor;
import dev.agentgate.policy.redact.RedactorSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's input is what it claims to be: ~100 KB, Anthropic Messages, secrets found. */
class RealisticRequestTest {

  @Test
  void benchmarkBodyIsARealisticAnthropicRequestWithFindableSecrets() {
    RealisticRequest.Body body = RealisticRequest.build(100_000, 42);
    assertThat(body.json().length).isBetween(100_000, 115_000);
    assertThat(body.secrets()).hasSizeGreaterThanOrEqualTo(3);
    Redactor redactor =
        new Redactor(
            new RedactorSpec(
                "t",
                List.of("all"),
                List.of(),
                List.of(),
                RedactorSpec.OnFinding.REDACT,
                RedactorSpec.OnUninspectable.BLOCK,
                RedactorSpec.DEFAULT_MAX_BODY_BYTES));
    RedactionResult r = redactor.redact("application/json", null, body.json());
    assertThat(r.shape()).isEqualTo(ApiShape.ANTHROPIC_MESSAGES);
    assertThat(r.outcome()).isEqualTo(RedactionResult.Outcome.REDACTED);
    assertThat(r.findings()).hasSameSizeAs(body.secrets());
  }
}
