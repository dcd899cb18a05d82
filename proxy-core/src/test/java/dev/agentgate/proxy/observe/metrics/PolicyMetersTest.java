package dev.agentgate.proxy.observe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The policy's meters, through {@link ProxyMetrics}: reloads, the info series, rule hits. */
class PolicyMetersTest {
  private final MockClock clock = new MockClock();
  private final ProxyMetrics metrics =
      new ProxyMetrics(List.of("claude-code", "codex", "cursor"), clock);

  @AfterEach
  void close() {
    metrics.close();
  }

  private ScrapeText scrape() {
    return new ScrapeText(metrics.scrape());
  }

  @Test
  void reloadsAndTheirTimestamp() {
    assertThat(scrape().value("agentgate_policy_last_reload_success_timestamp_seconds"))
        .isEqualTo(0.0);
    assertThat(scrape().value("agentgate_policy_last_reload_successful")).isEqualTo(0.0);
    clock.add(1_700_000_000L, TimeUnit.SECONDS);
    metrics.policyReload(ReloadSource.FILE, ReloadResult.SUCCESS);
    assertThat(scrape().value("agentgate_policy_last_reload_successful")).isEqualTo(1.0);
    clock.add(60, TimeUnit.SECONDS);
    metrics.policyReload(ReloadSource.API, ReloadResult.REJECTED);

    ScrapeText s = scrape();
    assertThat(s.value("agentgate_policy_reloads_total", "result", "success", "source", "file"))
        .isEqualTo(1.0);
    assertThat(s.value("agentgate_policy_reloads_total", "result", "rejected", "source", "api"))
        .isEqualTo(1.0);
    assertThat(s.value("agentgate_policy_reloads_total", "result", "error", "source", "file"))
        .isEqualTo(0.0);
    assertThat(s.value("agentgate_policy_last_reload_success_timestamp_seconds"))
        .isEqualTo((double) clock.wallTime() / 1000 - 60);
    assertThat(s.value("agentgate_policy_last_reload_successful")).isEqualTo(0.0);
  }

  @Test
  void reloadingAPolicyReplacesItsRuleSeriesAndInfo() {
    metrics.onPolicyLoaded("v1", "hash1", List.of("block-cursor", "allow-claude"));
    metrics.ruleHit("block-cursor", false);
    metrics.ruleHit(metrics.ruleIndex("allow-claude"), false);
    metrics.ruleHit("allow-claude", true);
    metrics.ruleHit("default", false);

    ScrapeText v1 = scrape();
    String hits = "agentgate_rule_hits_total";
    assertThat(v1.value(hits, "mode", "enforce", "rule", "block-cursor")).isEqualTo(1.0);
    assertThat(v1.value(hits, "mode", "enforce", "rule", "allow-claude")).isEqualTo(1.0);
    assertThat(v1.value(hits, "mode", "report", "rule", "allow-claude")).isEqualTo(1.0);
    assertThat(v1.value(hits, "mode", "enforce", "rule", "default")).isEqualTo(1.0);
    assertThat(v1.value("agentgate_policy_info", "hash", "hash1", "version", "v1")).isEqualTo(1.0);
    assertThat(v1.value("agentgate_policy_rules")).isEqualTo(3.0);

    metrics.onPolicyLoaded("v2", "hash2", List.of("allow-claude", "redact-codex"));
    metrics.ruleHit("redact-codex", false);
    metrics.ruleHit("block-cursor", false); // a decision of v1 that lands after the swap

    ScrapeText v2 = scrape();
    assertThat(v2.hasSeries(hits, "rule", "block-cursor")).isFalse();
    assertThat(v2.value(hits, "mode", "enforce", "rule", "allow-claude"))
        .as("a rule in both versions keeps its count")
        .isEqualTo(1.0);
    assertThat(v2.value(hits, "mode", "enforce", "rule", "redact-codex")).isEqualTo(1.0);
    assertThat(v2.value(hits, "mode", "report", "rule", "redact-codex")).isEqualTo(0.0);
    assertThat(v2.value("agentgate_rule_hits_unattributed_total")).isEqualTo(1.0);
    assertThat(v2.value("agentgate_policy_info", "hash", "hash2", "version", "v2")).isEqualTo(1.0);
    assertThat(v2.hasSeries("agentgate_policy_info", "version", "v1")).isFalse();
    assertThat(v2.value("agentgate_policy_rules")).isEqualTo(3.0);
  }

  @Test
  void ruleIndexesFollowTheLoadedList() {
    metrics.onPolicyLoaded("v1", "h", List.of("a", "b", "a", " "));
    assertThat(metrics.ruleIndex("a")).isZero();
    assertThat(metrics.ruleIndex("b")).isEqualTo(1);
    assertThat(metrics.ruleIndex("default")).isEqualTo(2);
    assertThat(metrics.ruleIndex("c")).isEqualTo(-1);
    metrics.ruleHit(7, false);
    assertThat(scrape().value("agentgate_rule_hits_unattributed_total")).isEqualTo(1.0);
  }

  @Test
  void shadowDisagreementsAreCountedByLiveRuleAndFollowThePolicyVersion() {
    String name = "agentgate_policy_shadow_disagreements_total";
    assertThat(scrape().value(name, "rule", "_unattributed"))
        .as("the unattributed series exists from the start")
        .isEqualTo(0.0);
    metrics.onPolicyLoaded("v1", "hash1", List.of("block-cursor", "allow-claude"));
    assertThat(scrape().value(name, "rule", "allow-claude")).isEqualTo(0.0);
    metrics.shadowDisagreement("allow-claude");
    metrics.shadowDisagreement("allow-claude");
    metrics.shadowDisagreement("default");
    metrics.shadowDisagreement("not-a-rule");
    metrics.shadowDisagreement(null);

    ScrapeText v1 = scrape();
    assertThat(v1.value(name, "rule", "allow-claude")).isEqualTo(2.0);
    assertThat(v1.value(name, "rule", "default")).isEqualTo(1.0);
    assertThat(v1.value(name, "rule", "block-cursor")).isEqualTo(0.0);
    assertThat(v1.value(name, "rule", "_unattributed")).isEqualTo(2.0);
    assertThat(v1.hasSeries(name, "rule", "not-a-rule")).isFalse();

    metrics.onPolicyLoaded("v2", "hash2", List.of("allow-claude"));
    metrics.shadowDisagreement("block-cursor"); // a decision of v1 that lands after the swap

    ScrapeText v2 = scrape();
    assertThat(v2.hasSeries(name, "rule", "block-cursor")).isFalse();
    assertThat(v2.value(name, "rule", "allow-claude")).isEqualTo(2.0);
    assertThat(v2.value(name, "rule", "_unattributed")).isEqualTo(3.0);
  }
}
