package dev.agentgate.policy.store;

import static dev.agentgate.policy.store.TestPolicies.allowAll;
import static dev.agentgate.policy.store.TestPolicies.blocking;
import static dev.agentgate.policy.store.TestPolicies.bytes;
import static dev.agentgate.policy.store.TestPolicies.connect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShadowedEngineTest {
  private final PolicyStore live = PolicyStore.builder().build();
  private final PolicyStore shadow = PolicyStore.builder().role(PolicyRole.SHADOW).build();
  private final List<ShadowDisagreement> disagreements = new ArrayList<>();
  private final ShadowedEngine engine =
      new ShadowedEngine(
          live,
          shadow,
          new PolicyListener() {
            @Override
            public void shadowDisagreed(ShadowDisagreement event) {
              disagreements.add(event);
            }
          });

  private static void load(PolicyStore store, String text) {
    store.apply(PolicyUpdate.of(PolicySource.FILE, "p.yaml", bytes(text)));
  }

  @Test
  void withoutAShadowPolicyOnlyTheLiveOneDecides() {
    load(live, blocking("live1"));
    assertThat(engine.evaluate(connect("blocked.example")).ruleId()).isEqualTo("block-live1");
    assertThat(engine.compared()).isZero();
  }

  @Test
  void disagreementsAreCountedByShadowRuleAndTheLiveDecisionStands() {
    load(live, allowAll("live1"));
    load(shadow, blocking("shadow1"));

    for (int i = 0; i < 2; i++) {
      Decision d = engine.evaluate(connect("blocked.example"));
      assertThat(d.action()).isEqualTo(Action.ALLOW);
    }
    engine.evaluate(connect("fine.example"));

    assertThat(engine.compared()).isEqualTo(3);
    assertThat(engine.disagreements()).isEqualTo(Map.of("block-shadow1", 2L));
    assertThat(disagreements).hasSize(2);
    ShadowDisagreement first = disagreements.get(0);
    assertThat(first.live().action()).isEqualTo(Action.ALLOW);
    assertThat(first.shadow().action()).isEqualTo(Action.BLOCK);
    assertThat(first.shadow().ruleId()).isEqualTo("block-shadow1");
    assertThat(first.liveVersion()).isEqualTo("live1");
    assertThat(first.shadowVersion()).isEqualTo("shadow1");
    assertThat(first.request().host()).isEqualTo("blocked.example");
  }

  @Test
  void theDefaultRuleIsCountedToo() {
    load(live, blocking("live1"));
    load(shadow, allowAll("shadow1"));
    engine.evaluate(connect("blocked.example"));
    assertThat(engine.disagreements()).isEqualTo(Map.of("default", 1L));
  }

  @Test
  void aNewShadowVersionKeepsTheCountsOfRulesItKeeps() {
    load(live, allowAll("live1"));
    String shadowV1 = blocking("s").replace("version: \"s\"", "version: \"s1\"");
    String shadowV2 = blocking("s").replace("version: \"s\"", "version: \"s2\"");
    load(shadow, shadowV1);
    engine.evaluate(connect("blocked.example"));
    load(shadow, shadowV2);
    engine.evaluate(connect("blocked.example"));
    assertThat(engine.disagreements()).isEqualTo(Map.of("block-s", 2L));

    load(shadow, blocking("other"));
    assertThat(engine.disagreements()).isEmpty();
  }

  @Test
  void sameActionDifferentRuleIsNotADisagreement() {
    load(live, blocking("a"));
    load(shadow, blocking("b"));
    engine.evaluate(connect("blocked.example"));
    assertThat(engine.compared()).isEqualTo(1);
    assertThat(disagreements).isEmpty();
  }
}
