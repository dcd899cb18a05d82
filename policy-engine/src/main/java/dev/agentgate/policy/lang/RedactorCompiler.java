package dev.agentgate.policy.lang;

import dev.agentgate.policy.redact.DetectorCatalog;
import dev.agentgate.policy.redact.RedactorSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Compiles the {@code redactors:} map (redactor id to its settings) into {@link RedactorSpec}s. */
final class RedactorCompiler {
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final List<String> KEYS =
      List.of(
          "description",
          "detectors",
          "patterns",
          "markers",
          "on_finding",
          "on_uninspectable",
          "max_body_bytes");
  private static final String ID_EXPECTED = "an id of lower-case letters, digits, - and _";

  private final Problems problems;
  private final Values values;

  RedactorCompiler(Problems problems) {
    this.problems = problems;
    this.values = new Values(problems);
  }

  /** Every redactor that compiled, by id (an invalid one is left out, its errors recorded). */
  Map<String, RedactorSpec> compile(Node node) {
    Map<String, RedactorSpec> out = new LinkedHashMap<>();
    if (node == null || Values.isNull(node)) {
      return out;
    }
    if (!(node instanceof Node.MapNode map)) {
      problems.error(node, "redactors", "a map of redactor id to its settings");
      return out;
    }
    for (Node.Entry e : map.entries()) {
      if (!ID.matcher(e.key()).matches()) {
        problems.error(e.keyPos(), "redactors", Problems.quote(e.key()), ID_EXPECTED);
        continue;
      }
      RedactorSpec spec = redactor(e.key(), e.value());
      if (spec != null) {
        out.put(e.key(), spec);
      }
    }
    return out;
  }

  private RedactorSpec redactor(String id, Node node) {
    String prefix = "redactors." + id;
    Fields f = Fields.of(node, prefix, KEYS, problems);
    if (f == null) {
      return null;
    }
    List<String> detectors = detectors(f);
    List<RedactorSpec.CustomPattern> patterns = patterns(f);
    List<String> markers =
        f.get("markers") == null
            ? List.of()
            : values.texts(f.get("markers"), f.name("markers"), "a marker string");
    if (f.get("detectors") == null && f.get("patterns") == null && f.get("markers") == null) {
      problems.error(
          f.pos(), prefix, "no detectors", "at least one of detectors, patterns or markers");
    }
    RedactorSpec.OnFinding onFinding = RedactorSpec.OnFinding.REDACT;
    if (f.get("on_finding") != null) {
      String v = values.text(f.get("on_finding"), f.name("on_finding"), "redact or block");
      if ("block".equals(v)) {
        onFinding = RedactorSpec.OnFinding.BLOCK;
      } else if (v != null && !"redact".equals(v)) {
        problems.error(f.get("on_finding"), f.name("on_finding"), "redact or block");
      }
    }
    RedactorSpec.OnUninspectable onUninspectable = RedactorSpec.OnUninspectable.BLOCK;
    if (f.get("on_uninspectable") != null) {
      Node n = f.get("on_uninspectable");
      String v = values.text(n, f.name("on_uninspectable"), "block or allow");
      if ("allow".equals(v)) {
        onUninspectable = RedactorSpec.OnUninspectable.ALLOW;
      } else if (v != null && !"block".equals(v)) {
        problems.error(n, f.name("on_uninspectable"), "block or allow");
      }
    }
    int maxBody = RedactorSpec.DEFAULT_MAX_BODY_BYTES;
    if (f.get("max_body_bytes") != null) {
      Integer v =
          values.integer(f.get("max_body_bytes"), f.name("max_body_bytes"), 1, Integer.MAX_VALUE);
      maxBody = v == null ? maxBody : v;
    }
    return new RedactorSpec(id, detectors, patterns, markers, onFinding, onUninspectable, maxBody);
  }

  private List<String> detectors(Fields f) {
    Node node = f.get("detectors");
    if (node == null) {
      return List.of();
    }
    String expected = "all, or one of " + String.join(", ", new TreeSet<>(DetectorCatalog.NAMES));
    List<String> out = new ArrayList<>();
    for (Node item : values.oneOrMany(node, f.name("detectors"), "a detector name")) {
      String t = values.text(item, f.name("detectors"), expected);
      if (t != null && DetectorCatalog.isKnown(t)) {
        out.add(t);
      } else if (t != null) {
        problems.error(item, f.name("detectors"), expected);
      }
    }
    return out;
  }

  private List<RedactorSpec.CustomPattern> patterns(Fields f) {
    Node node = f.get("patterns");
    if (node == null) {
      return List.of();
    }
    String name = f.name("patterns");
    String expected = "a list of {name, regex}";
    if (!(node instanceof Node.ListNode list) || list.items().isEmpty()) {
      problems.error(node, name, expected);
      return List.of();
    }
    List<RedactorSpec.CustomPattern> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Node item : list.items()) {
      Fields p = Fields.of(item, name, List.of("name", "regex"), problems);
      if (p == null) {
        continue;
      }
      Node nameNode = p.require("name", ID_EXPECTED);
      Node regexNode = p.require("regex", "a Java regular expression");
      String patternName =
          nameNode == null ? null : values.text(nameNode, p.name("name"), ID_EXPECTED);
      if (patternName != null && !ID.matcher(patternName).matches()) {
        problems.error(nameNode, p.name("name"), ID_EXPECTED);
        patternName = null;
      } else if (patternName != null && !names.add(patternName)) {
        problems.error(nameNode, p.name("name"), "a pattern name used once in this redactor");
        patternName = null;
      }
      String regex =
          regexNode == null
              ? null
              : values.text(regexNode, p.name("regex"), "a Java regular expression");
      Pattern compiled = regex == null ? null : values.regex(regexNode, p.name("regex"), regex);
      if (patternName != null && compiled != null) {
        out.add(new RedactorSpec.CustomPattern(patternName, compiled));
      }
    }
    return out;
  }
}
