package dev.agentgate.proxy.pipeline.intercept;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.lang.CompiledPolicy;
import dev.agentgate.policy.lang.PolicyCompiler;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LiveRedactorsTest {

  private static CompiledPolicy policy(String version, String redactorId) {
    return PolicyCompiler.compile(
            "p.yaml",
            "version: "
                + version
                + "\ndefault: allow\nredactors:\n  "
                + redactorId
                + ": {detectors: [all]}\n")
        .orElseThrow();
  }

  @Test
  void followsThePolicyInForceAndCompilesOncePerPolicy() {
    AtomicReference<CompiledPolicy> live = new AtomicReference<>(policy("v1", "secrets"));
    LiveRedactors redactors = new LiveRedactors(live::get);

    var first = redactors.forId("secrets").orElseThrow();
    assertThat(redactors.forId("secrets")).containsSame(first);
    assertThat(redactors.forId("other")).isEmpty();

    live.set(policy("v2", "other"));
    redactors.reloaded(null);

    assertThat(redactors.forId("secrets")).isEmpty();
    assertThat(redactors.forId("other")).isPresent();
  }

  @Test
  void withoutAPolicyThereAreNone() {
    assertThat(new LiveRedactors(() -> null).forId("secrets")).isEmpty();
  }
}
