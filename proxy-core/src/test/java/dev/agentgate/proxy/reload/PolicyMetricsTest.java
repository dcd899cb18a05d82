package dev.agentgate.proxy.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.store.PolicySource;
import dev.agentgate.proxy.observe.metrics.ReloadSource;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PolicyMetricsTest {
  @Test
  void everyPolicySourceHasTheMetricsLabelOfTheSameName() {
    assertThat(Arrays.stream(PolicySource.values()).map(Enum::name))
        .containsExactlyElementsOf(Arrays.stream(ReloadSource.values()).map(Enum::name).toList());
  }
}
