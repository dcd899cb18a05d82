package dev.agentgate.policy.lang;

import dev.agentgate.policy.match.Condition;
import dev.agentgate.policy.match.FactConditions;
import dev.agentgate.policy.match.Glob;
import dev.agentgate.policy.match.HttpConditions;
import dev.agentgate.policy.match.InvalidPatternException;
import dev.agentgate.policy.match.PrefixPatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Compiles the match keys of the TLS phase (alpn, ja3, ja4) and of the HTTP phase. */
final class LaterPhaseKeys {
  private static final Pattern JA4 =
      Pattern.compile("[tqd][0-9s]{2}[di][0-9]{4}[0-9a-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}");
  private static final Pattern JA3 = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final String JA4_EXPECTED =
      "a JA4 such as t13d1516h2_8daaf6152771_02713d6af862, or a prefix ending in * such as t13d*";
  private static final String JA3_EXPECTED = "a JA3 hash (32 hex digits), or a prefix ending in *";

  private final Problems problems;
  private final Values values;

  LaterPhaseKeys(Problems problems, Values values) {
    this.problems = problems;
    this.values = values;
  }

  Condition compile(String key, String name, Node value) {
    switch (key) {
      case "alpn":
        return alpn(name, value);
      case "ja3":
        return fingerprint(false, name, value);
      case "ja4":
        return fingerprint(true, name, value);
      case "method":
        return method(name, value);
      case "path":
        return path(name, value);
      case "header":
        return header(name, value);
      default:
        throw new IllegalArgumentException("not a match key: " + key);
    }
  }

  private Condition alpn(String name, Node value) {
    List<String> protocols = new ArrayList<>();
    for (Node item : values.oneOrMany(value, name, "an ALPN protocol id such as h2")) {
      String t = values.text(item, name, "an ALPN protocol id such as h2");
      if (t != null && t.length() <= 255 && t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        protocols.add(t);
      } else if (t != null) {
        problems.error(item, name, "an ALPN protocol id such as h2 (printable ASCII)");
        return null;
      } else {
        return null;
      }
    }
    return protocols.isEmpty() ? null : new FactConditions.Alpn(Set.copyOf(protocols), protocols);
  }

  private Condition fingerprint(boolean ja4, String name, Node value) {
    String expected = ja4 ? JA4_EXPECTED : JA3_EXPECTED;
    List<String> patterns = new ArrayList<>();
    boolean ok = true;
    for (Node item : values.oneOrMany(value, name, expected)) {
      String t = values.text(item, name, expected);
      String lower = t == null ? null : t.trim().toLowerCase(Locale.ROOT);
      if (lower != null && validFingerprint(ja4, lower)) {
        patterns.add(lower);
      } else {
        if (lower != null) {
          problems.error(item, name, expected);
        }
        ok = false;
      }
    }
    if (!ok || patterns.isEmpty()) {
      return null;
    }
    PrefixPatterns compiled =
        PrefixPatterns.of(
            patterns,
            ja4 ? c -> Character.isLetterOrDigit(c) || c == '_' : c -> Character.digit(c, 16) >= 0,
            expected);
    return new FactConditions.Fingerprint(ja4, compiled);
  }

  private static boolean validFingerprint(boolean ja4, String p) {
    if (p.endsWith("*")) {
      String body = p.substring(0, p.length() - 1);
      return body.indexOf('*') < 0
          && !body.isEmpty()
          && body.chars()
              .allMatch(
                  c ->
                      ja4
                          ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
                          : Character.digit(c, 16) >= 0);
    }
    return (ja4 ? JA4 : JA3).matcher(p).matches();
  }

  private Condition method(String name, Node value) {
    String expected = "an HTTP method such as GET or POST";
    List<String> methods = new ArrayList<>();
    for (Node item : values.oneOrMany(value, name, expected)) {
      String t = values.text(item, name, expected);
      if (t == null) {
        return null;
      }
      if (!t.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        problems.error(item, name, expected);
        return null;
      }
      methods.add(t.toUpperCase(Locale.ROOT));
    }
    return methods.isEmpty() ? null : new HttpConditions.Method(Set.copyOf(methods), methods);
  }

  private Condition path(String name, Node value) {
    String expected = "a path prefix such as /v1/ or a glob such as /v1/*/messages";
    List<String> prefixes = new ArrayList<>();
    List<Glob> globs = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    boolean ok = true;
    for (Node item : values.oneOrMany(value, name, expected)) {
      String t = values.text(item, name, expected);
      if (t == null) {
        ok = false;
        continue;
      }
      if (!t.startsWith("/") && !t.startsWith("*")) {
        problems.error(item, name, expected + " (starting with /)");
        ok = false;
        continue;
      }
      texts.add(t);
      if (!Glob.isGlob(t)) {
        prefixes.add(t);
        continue;
      }
      try {
        globs.add(Glob.compile(t));
      } catch (InvalidPatternException e) {
        problems.error(item, name, e.expected());
        ok = false;
      }
    }
    return ok && !texts.isEmpty()
        ? new HttpConditions.Path(List.copyOf(prefixes), List.copyOf(globs), texts)
        : null;
  }

  private Condition header(String name, Node value) {
    String expected = "a map of header name to true (present), false (absent) or a regex";
    if (!(value instanceof Node.MapNode map) || map.entries().isEmpty()) {
      problems.error(value, name, expected);
      return null;
    }
    List<HttpConditions.HeaderTest> tests = new ArrayList<>();
    boolean ok = true;
    for (Node.Entry e : map.entries()) {
      String headerName = e.key().toLowerCase(Locale.ROOT);
      String entryName = name + "." + e.key();
      if (!TOKEN.matcher(headerName).matches()) {
        problems.error(e.keyPos(), entryName, Problems.quote(e.key()), "a header name");
        ok = false;
      } else if (e.value() instanceof Node.Scalar s && s.isBool()) {
        tests.add(
            new HttpConditions.HeaderTest(headerName, s.kind() == Node.Scalar.Kind.TRUE, null));
      } else {
        String regex = values.text(e.value(), entryName, expected);
        Pattern p = regex == null ? null : values.regex(e.value(), entryName, regex);
        ok &= p != null;
        if (p != null) {
          tests.add(new HttpConditions.HeaderTest(headerName, true, p));
        }
      }
    }
    return ok ? new HttpConditions.Header(List.copyOf(tests)) : null;
  }
}
