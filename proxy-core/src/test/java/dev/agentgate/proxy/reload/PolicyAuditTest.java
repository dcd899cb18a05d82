package dev.agentgate.proxy.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.store.PolicyListener;
import dev.agentgate.policy.store.PolicyRole;
import dev.agentgate.policy.store.PolicySource;
import dev.agentgate.policy.store.PolicyStore;
import dev.agentgate.policy.store.PolicyUpdate;
import dev.agentgate.policy.store.ShadowDisagreement;
import dev.agentgate.policy.store.ShadowedEngine;
import dev.agentgate.proxy.observe.audit.AuditEvent;
import dev.agentgate.proxy.observe.audit.AuditSink;
import dev.agentgate.proxy.observe.metrics.ProxyMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What {@link PolicyAudit} and {@link PolicyMetrics} make of a store's reloads and disagreements.
 */
class PolicyAuditTest {
  private static final Instant NOW = Instant.parse("2025-03-01T09:30:00Z");
  private static final String HOST = "blocked.example";

  private final List<AuditEvent> recorded = new ArrayList<>();
  private final AuditSink sink =
      new AuditSink() {
        @Override
        public boolean record(AuditEvent event) {
          return recorded.add(event);
        }

        @Override
        public boolean acceptingNewConnections() {
          return true;
        }

        @Override
        public long droppedCount() {
          return 0;
        }
      };
  private final PolicyAudit audit = new PolicyAudit(sink, Clock.fixed(NOW, ZoneOffset.UTC));

  private static PolicyStore store(PolicyRole role, PolicyListener listener) {
    PolicyStore store = PolicyStore.builder().role(role).build();
    store.addListener(listener);
    return store;
  }

  private static PolicyUpdate update(PolicySource source, String origin, String text) {
    return PolicyUpdate.of(source, origin, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anAppliedReloadRecordsSourceResultVersionAndHash() {
    PolicyStore live = store(PolicyRole.LIVE, audit);
    live.apply(update(PolicySource.FILE, "policy.yaml", Texts.allowAll("v1")));
    live.apply(update(PolicySource.API, "admin-api", Texts.blocking("v2", HOST)));

    assertThat(recorded).hasSize(2);
    AuditEvent e = recorded.get(1);
    assertThat(e.type()).isEqualTo(AuditEvent.Type.POLICY_RELOAD);
    assertThat(e.time()).isEqualTo(live.lastReload().at());
    assertThat(e.policyVersion()).isEqualTo("v2");
    assertThat(e.policyHash()).isEqualTo(live.live().contentHash());
    assertThat(e.reload().role()).isEqualTo("live");
    assertThat(e.reload().source()).isEqualTo("api");
    assertThat(e.reload().origin()).isEqualTo("admin-api");
    assertThat(e.reload().result()).isEqualTo("applied");
    assertThat(e.reload().hash()).isEqualTo(live.live().contentHash());
    assertThat(e.reload().previousVersion()).isEqualTo("v1");
    assertThat(e.reload().errorCount()).isZero();
    assertThat(e.reload().errors()).isEmpty();
    assertThat(e.shadow()).isNull();
  }

  @Test
  void aRejectedReloadRecordsTheFirstErrorsAndTheLastGoodVersionNeverThePolicyText() {
    PolicyStore live = store(PolicyRole.LIVE, audit);
    live.apply(update(PolicySource.FILE, "policy.yaml", Texts.allowAll("v1")));
    String goodHash = live.live().contentHash();
    // Seven rules, each with an unknown action: seven errors, one per rule.
    String secretish = "sk-ant-api03-" + "x".repeat(40);
    String broken =
        "version: \"v2\"\ndefault: allow\n# "
            + secretish
            + "\nrules:\n"
            + IntStream.range(0, 7)
                .mapToObj(
                    i -> "  - id: r" + i + "\n    match: {host: a.example}\n    action: nope\n")
                .collect(Collectors.joining());
    live.apply(update(PolicySource.FILE, "policy.yaml", broken));

    AuditEvent e = recorded.get(recorded.size() - 1);
    assertThat(e.type()).isEqualTo(AuditEvent.Type.POLICY_RELOAD);
    assertThat(e.reload().result()).isEqualTo("rejected");
    assertThat(e.reload().source()).isEqualTo("file");
    assertThat(e.policyVersion()).as("the last good policy stays").isEqualTo("v1");
    assertThat(e.policyHash()).isEqualTo(goodHash);
    assertThat(e.reload().hash()).isNotEqualTo(goodHash).hasSize(64);
    assertThat(e.reload().errorCount()).isEqualTo(live.lastReload().errors().size()).isEqualTo(7);
    assertThat(e.reload().errors()).hasSize(PolicyAudit.MAX_ERRORS);
    assertThat(e.reload().errors().get(0)).startsWith("policy.yaml:").contains("action");
    assertThat(e.toString()).doesNotContain(secretish);
  }

  @Test
  void aLongErrorLineIsShortened() {
    PolicyStore live = store(PolicyRole.LIVE, audit);
    live.apply(update(PolicySource.API, "admin-api", "version: \"" + "v".repeat(500) + "\n"));

    List<String> errors = recorded.get(0).reload().errors();
    assertThat(recorded.get(0).reload().result()).isEqualTo("rejected");
    assertThat(errors).isNotEmpty();
    assertThat(errors).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(203));
  }

  @Test
  void aDisagreementRecordsBothDecisionsAndIsCountedByTheLiveRule() {
    ProxyMetrics metrics = new ProxyMetrics(List.of("claude-code"));
    try {
      PolicyStore live = store(PolicyRole.LIVE, PolicyListener.NONE);
      live.apply(update(PolicySource.FILE, "policy.yaml", Texts.allowAll("live-1")));
      PolicyStore shadow = store(PolicyRole.SHADOW, PolicyListener.NONE);
      shadow.apply(update(PolicySource.FILE, "shadow.yaml", Texts.blocking("shadow-1", HOST)));
      metrics.onPolicyLoaded("live-1", live.live().contentHash(), live.live().policy().ruleIds());
      PolicyMetrics counted = new PolicyMetrics(metrics);
      ShadowedEngine engine =
          new ShadowedEngine(
              live,
              shadow,
              new PolicyListener() {
                @Override
                public void shadowDisagreed(ShadowDisagreement event) {
                  audit.shadowDisagreed(event);
                  counted.shadowDisagreed(event);
                }
              });

      EgressRequest request =
          EgressRequest.builder(Phase.CONNECT, HOST, 443)
              .client("10.0.0.7", "alice", Set.of("devs"))
              .build();
      assertThat(engine.evaluate(request).action()).isEqualTo(Action.ALLOW);
      engine.evaluate(EgressRequest.builder(Phase.CONNECT, "other.example", 443).build());

      assertThat(recorded).hasSize(1);
      AuditEvent e = recorded.get(0);
      assertThat(e.type()).isEqualTo(AuditEvent.Type.SHADOW_DISAGREEMENT);
      assertThat(e.time()).isEqualTo(NOW);
      assertThat(e.host()).isEqualTo(HOST);
      assertThat(e.port()).isEqualTo(443);
      assertThat(e.phase()).isEqualTo(Phase.CONNECT);
      assertThat(e.client()).isEqualTo("10.0.0.7");
      assertThat(e.user()).isEqualTo("alice");
      assertThat(e.agent()).isEqualTo("unknown");
      assertThat(e.action()).isEqualTo(Action.ALLOW);
      assertThat(e.ruleId()).isEqualTo("default");
      assertThat(e.policyVersion()).isEqualTo("live-1");
      assertThat(e.policyHash()).isEqualTo(live.live().contentHash());
      assertThat(e.shadow().ruleId()).isEqualTo("block-shadow-1");
      assertThat(e.shadow().action()).isEqualTo(Action.BLOCK);
      assertThat(e.shadow().version()).isEqualTo("shadow-1");
      assertThat(e.shadow().hash()).isEqualTo(shadow.live().contentHash());
      assertThat(e.reload()).isNull();

      assertThat(metrics.scrape())
          .contains("agentgate_policy_shadow_disagreements_total{rule=\"default\"} 1.0")
          .contains("agentgate_policy_shadow_disagreements_total{rule=\"_unattributed\"} 0.0");
    } finally {
      metrics.close();
    }
  }
}
