package dev.agentgate.proxy.admin;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.agents.Identification;
import dev.agentgate.policy.lang.PolicyError;
import dev.agentgate.policy.store.PolicySnapshot;
import dev.agentgate.policy.store.ReloadEvent;
import dev.agentgate.policy.store.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The admin API's JSON shapes, as ordered maps for Jackson to write. Keys are snake_case. */
final class PolicyJson {
  private PolicyJson() {}

  /** A loaded version: what {@code GET /v1/policy} and {@code /readyz} report. */
  static Map<String, Object> snapshot(PolicySnapshot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", s.version());
    m.put("hash", s.contentHash());
    m.put("source", name(s.source()));
    m.put("origin", s.origin());
    m.put("loaded_at", time(s.loadedAt()));
    m.put("rule_count", s.ruleCount());
    m.put("signed_by", s.signedBy());
    m.put("first_decision_at", time(s.firstDecisionAt()));
    return m;
  }

  /** A shorter form for history lists. */
  static Map<String, Object> brief(PolicySnapshot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", s.version());
    m.put("hash", s.contentHash());
    m.put("source", name(s.source()));
    m.put("loaded_at", time(s.loadedAt()));
    return m;
  }

  static Map<String, Object> reload(ReloadEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("result", name(e.result()));
    m.put("source", name(e.source()));
    m.put("origin", e.origin());
    m.put("at", time(e.at()));
    m.put("attempted_hash", e.attemptedHash());
    m.put("compile_ms", millis(e.compileTime()));
    m.put("errors", errors(e.errors()));
    return m;
  }

  static Map<String, Object> validation(Validation v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", v.ok());
    if (v.ok()) {
      m.put("version", v.policy().version());
      m.put("rule_count", v.policy().ruleCount());
    }
    m.put("hash", v.contentHash());
    m.put("signed_by", v.signedBy());
    m.put("compile_ms", millis(v.compileTime()));
    m.put("errors", errors(v.errors()));
    return m;
  }

  static List<Map<String, Object>> errors(List<PolicyError> errors) {
    List<Map<String, Object>> out = new ArrayList<>(errors.size());
    for (PolicyError e : errors) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", e.file());
      m.put("line", e.line());
      m.put("column", e.column());
      m.put("message", e.message());
      out.add(m);
    }
    return out;
  }

  static Map<String, Object> decision(Decision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("action", name(d.action()));
    m.put("rule", d.ruleId());
    m.put("reason", d.reason());
    m.put("message", d.message());
    m.put("redactor", d.redactor());
    List<Map<String, Object>> reports = new ArrayList<>();
    for (Decision.ReportedMatch r : d.reports()) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("rule", r.ruleId());
      rm.put("would_have", name(r.wouldHave()));
      rm.put("reason", r.reason());
      reports.add(rm);
    }
    m.put("reports", reports);
    return m;
  }

  static Map<String, Object> agent(Identification a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.agentId());
    m.put("candidates", a.candidates());
    m.put("confidence", name(a.confidence()));
    m.put("category", a.endpointCategory());
    m.put("impersonation", a.impersonation());
    m.put("claimed_agent", a.claimedAgent());
    m.put("evidence", a.evidence());
    return m;
  }

  static String name(Enum<?> value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }

  static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  static double millis(Duration d) {
    return d == null ? 0 : Math.round(d.toNanos() / 10_000.0) / 100.0;
  }
}
