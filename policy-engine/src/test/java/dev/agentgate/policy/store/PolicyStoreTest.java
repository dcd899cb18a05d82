package dev.agentgate.policy.store;

import static dev.agentgate.policy.store.TestPolicies.allowAll;
import static dev.agentgate.policy.store.TestPolicies.blocking;
import static dev.agentgate.policy.store.TestPolicies.bytes;
import static dev.agentgate.policy.store.TestPolicies.connect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.lang.PolicyError;
import dev.agentgate.policy.store.ReloadEvent.Result;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyStoreTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);
  private final List<ReloadEvent> events = new ArrayList<>();
  private final PolicyStore store = PolicyStore.builder().clock(clock).historySize(3).build();

  PolicyStoreTest() {
    store.addListener(
        new PolicyListener() {
          @Override
          public void reloaded(ReloadEvent event) {
            events.add(event);
          }
        });
  }

  private ReloadEvent push(String text) {
    return store.apply(PolicyUpdate.of(PolicySource.API, "admin-api", bytes(text)));
  }

  @Test
  void failsClosedUntilAPolicyIsLoaded() {
    assertThat(store.live()).isNull();
    assertThat(store.evaluate(connect("any.example")).action()).isEqualTo(Action.BLOCK);
    assertThat(store.evaluate(connect("any.example")).ruleId()).isEqualTo("builtin:no-policy");
  }

  @Test
  void appliesAValidPolicyAndDecidesWithIt() {
    ReloadEvent e = push(blocking("v1"));

    assertThat(e.result()).isEqualTo(Result.APPLIED);
    assertThat(e.errors()).isEmpty();
    assertThat(e.previous()).isNull();
    PolicySnapshot live = store.live();
    assertThat(live.version()).isEqualTo("v1");
    assertThat(live.source()).isEqualTo(PolicySource.API);
    assertThat(live.origin()).isEqualTo("admin-api");
    assertThat(live.loadedAt()).isEqualTo(clock.instant());
    assertThat(live.ruleCount()).isEqualTo(1);
    assertThat(live.contentHash()).isEqualTo(PolicyStore.sha256(bytes(blocking("v1"))));
    assertThat(store.evaluate(connect("blocked.example")).ruleId()).isEqualTo("block-v1");
    assertThat(store.evaluate(connect("other.example")).action()).isEqualTo(Action.ALLOW);
    assertThat(events).containsExactly(e);
  }

  @Test
  void recordsTheFirstDecisionOfEachVersion() {
    push(blocking("v1"));
    assertThat(store.live().firstDecisionAt()).isNull();
    store.evaluate(connect("x.example"));
    assertThat(store.live().firstDecisionAt()).isEqualTo(clock.instant());
  }

  @Test
  void yamlSyntaxErrorIsRejectedWithPositionAndTheLastGoodStays() {
    push(blocking("v1"));
    ReloadEvent e = push("version: v2\ndefault: allow\nrules: [\n  - id: x\n");

    assertThat(e.result()).isEqualTo(Result.REJECTED);
    assertThat(e.errors()).isNotEmpty();
    PolicyError first = e.errors().get(0);
    assertThat(first.line()).isGreaterThan(0);
    assertThat(first.column()).isGreaterThan(0);
    assertThat(e.live().version()).isEqualTo("v1");
    assertThat(store.live().version()).isEqualTo("v1");
    assertThat(store.evaluate(connect("blocked.example")).ruleId()).isEqualTo("block-v1");
    assertThat(store.lastReload()).isEqualTo(e);
  }

  @Test
  void validationErrorIsRejectedWithPosition() {
    push(blocking("v1"));
    String bad =
        "version: v2\ndefault: allow\nrules:\n  - id: p\n    match: {port: https}\n"
            + "    action: allow\n";
    ReloadEvent e = push(bad);

    assertThat(e.result()).isEqualTo(Result.REJECTED);
    assertThat(e.errors()).hasSize(1);
    assertThat(e.errors().get(0).line()).isEqualTo(5);
    assertThat(e.errors().get(0).message()).contains("port");
    assertThat(store.live().version()).isEqualTo("v1");
  }

  @Test
  void textThatIsNotUtf8IsRejected() {
    ReloadEvent e =
        store.apply(
            PolicyUpdate.of(PolicySource.FILE, "p.yaml", new byte[] {'v', (byte) 0xC3, '('}));
    assertThat(e.result()).isEqualTo(Result.REJECTED);
    assertThat(e.errors().get(0).message()).contains("UTF-8");
  }

  @Test
  void sameContentIsUnchangedAndNotAddedToHistory() {
    push(blocking("v1"));
    ReloadEvent e = push(blocking("v1"));

    assertThat(e.result()).isEqualTo(Result.UNCHANGED);
    assertThat(e.changed()).isFalse();
    assertThat(store.history()).isEmpty();
    assertThat(store.live().generation()).isEqualTo(1);
  }

  @Test
  void rollbackGoesBackOneVersionAtATime() {
    push(blocking("v1"));
    push(blocking("v2"));
    push(blocking("v3"));
    assertThat(store.history()).extracting(PolicySnapshot::version).containsExactly("v2", "v1");

    ReloadEvent back = store.rollback();
    assertThat(back.result()).isEqualTo(Result.APPLIED);
    assertThat(back.source()).isEqualTo(PolicySource.ROLLBACK);
    assertThat(back.previous().version()).isEqualTo("v3");
    assertThat(store.live().version()).isEqualTo("v2");
    assertThat(store.live().source()).isEqualTo(PolicySource.ROLLBACK);
    assertThat(store.evaluate(connect("blocked.example")).ruleId()).isEqualTo("block-v2");

    store.rollback();
    assertThat(store.live().version()).isEqualTo("v1");
    ReloadEvent none = store.rollback();
    assertThat(none.result()).isEqualTo(Result.REJECTED);
    assertThat(none.errors().get(0).message()).startsWith("history: empty");
    assertThat(store.live().version()).isEqualTo("v1");
  }

  @Test
  void historyIsBounded() {
    for (int i = 1; i <= 6; i++) {
      push(blocking("v" + i));
    }
    assertThat(store.history())
        .extracting(PolicySnapshot::version)
        .containsExactly("v5", "v4", "v3");
  }

  @Test
  void rejectedPolicyIsNotInHistory() {
    push(blocking("v1"));
    push("not: [valid");
    push(blocking("v2"));
    assertThat(store.history()).extracting(PolicySnapshot::version).containsExactly("v1");
  }

  @Test
  void reportModeHitsAreCountedByRuleAndSurviveAReloadThatKeepsTheRule() {
    push(TestPolicies.reporting("r1"));
    for (int i = 0; i < 3; i++) {
      assertThat(store.evaluate(connect("watched.example")).action()).isEqualTo(Action.ALLOW);
    }
    store.evaluate(connect("elsewhere.example"));
    assertThat(store.live().reportHits()).isEqualTo(Map.of("would-block-watched", 3L));

    push(TestPolicies.reporting("r2"));
    store.evaluate(connect("watched.example"));
    assertThat(store.live().reportHits()).isEqualTo(Map.of("would-block-watched", 4L));

    push(allowAll("r3"));
    assertThat(store.live().reportHits()).isEmpty();
  }

  @Test
  void validateAppliesNothing() {
    push(blocking("v1"));
    Validation ok =
        store.validate(PolicyUpdate.of(PolicySource.API, "admin-api", bytes(blocking("v2"))));
    Validation bad =
        store.validate(PolicyUpdate.of(PolicySource.API, "admin-api", bytes("version: [")));

    assertThat(ok.ok()).isTrue();
    assertThat(ok.policy().version()).isEqualTo("v2");
    assertThat(bad.ok()).isFalse();
    assertThat(bad.errors()).isNotEmpty();
    assertThat(store.live().version()).isEqualTo("v1");
    assertThat(events).hasSize(1);
  }

  @Test
  void oversizedPolicyIsRejectedBeforeParsing() {
    PolicyStore small = PolicyStore.builder().maxBytes(10).build();
    ReloadEvent e =
        small.apply(PolicyUpdate.of(PolicySource.API, "admin-api", bytes(allowAll("v"))));
    assertThat(e.result()).isEqualTo(Result.REJECTED);
    assertThat(e.errors().get(0).message()).contains("at most 10");
  }

  @Test
  void readFailureIsAnErrorEventAndChangesNothing() {
    push(blocking("v1"));
    ReloadEvent e = store.failed(PolicySource.FILE, "p.yaml", "file: p.yaml: no such file");
    assertThat(e.result()).isEqualTo(Result.ERROR);
    assertThat(e.live().version()).isEqualTo("v1");
    assertThat(store.lastReload()).isEqualTo(e);
  }

  @Test
  void aThrowingListenerDoesNotUndoTheSwap() {
    store.addListener(
        new PolicyListener() {
          @Override
          public void reloaded(ReloadEvent event) {
            throw new IllegalStateException("listener bug");
          }
        });
    ReloadEvent e = push(blocking("v1"));
    assertThat(e.result()).isEqualTo(Result.APPLIED);
    assertThat(store.live().version()).isEqualTo("v1");
  }
}
