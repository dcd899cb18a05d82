package dev.agentgate.policy.match;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Identification;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Conditions on the HTTP request (known inside an intercepted tunnel or on plain HTTP). */
public final class HttpConditions {
  private HttpConditions() {}

  /** {@code method}: the request method is listed (upper case). */
  public record Method(Set<String> methods, List<String> texts) implements Condition {
    @Override
    public String key() {
      return "method";
    }

    @Override
    public String describe() {
      return "method " + texts;
    }

    @Override
    public Phase phase() {
      return Phase.HTTP;
    }

    @Override
    public Tri test(EgressRequest r, Identification agent) {
      String m = r.method();
      return Tri.of(
          m != null && (methods.contains(m) || methods.contains(m.toUpperCase(Locale.ROOT))));
    }
  }

  /**
   * {@code path}: the request path without its query starts with a prefix, or matches a glob (an
   * entry with *, ? or [ is a glob).
   */
  public record Path(List<String> prefixes, List<Glob> globs, List<String> texts)
      implements Condition {
    @Override
    public String key() {
      return "path";
    }

    @Override
    public String describe() {
      return "path " + texts;
    }

    @Override
    public Phase phase() {
      return Phase.HTTP;
    }

    @Override
    public Tri test(EgressRequest r, Identification agent) {
      String full = r.path();
      if (full == null) {
        return Tri.NO;
      }
      int query = full.indexOf('?');
      String path = query < 0 ? full : full.substring(0, query);
      for (String p : prefixes) {
        if (path.startsWith(p)) {
          return Tri.YES;
        }
      }
      for (Glob g : globs) {
        if (g.matches(path)) {
          return Tri.YES;
        }
      }
      return Tri.NO;
    }
  }

  /**
   * One header test: present ({@code pattern == null && present}), absent, or any value matching
   * the whole regular expression.
   */
  public record HeaderTest(String name, boolean present, Pattern pattern) {
    boolean matches(EgressRequest r) {
      List<String> values = r.headers().get(name);
      boolean has = values != null && !values.isEmpty();
      if (pattern == null) {
        return has == present;
      }
      if (has) {
        for (String v : values) {
          if (pattern.matcher(v).matches()) {
            return true;
          }
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return pattern == null ? name + (present ? " present" : " absent") : name + " ~ " + pattern;
    }
  }

  /** {@code header}: every listed header test holds. */
  public record Header(List<HeaderTest> tests) implements Condition {
    @Override
    public String key() {
      return "header";
    }

    @Override
    public String describe() {
      return "header " + tests;
    }

    @Override
    public Phase phase() {
      return Phase.HTTP;
    }

    @Override
    public Tri test(EgressRequest r, Identification agent) {
      for (HeaderTest t : tests) {
        if (!t.matches(r)) {
          return Tri.NO;
        }
      }
      return Tri.YES;
    }
  }
}
