package dev.agentgate.policy.match;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Exact values or prefixes written with a trailing '*' ("t13d*"), as used for JA3 and JA4
 * fingerprints. Patterns are stored in lower case, the form JA3 and JA4 are defined in.
 */
public final class PrefixPatterns {
  private final Set<String> exact;
  private final String[] prefixes;
  private final List<String> texts;

  private PrefixPatterns(Set<String> exact, String[] prefixes, List<String> texts) {
    this.exact = exact;
    this.prefixes = prefixes;
    this.texts = texts;
  }

  /**
   * Compiles the patterns; every character other than the trailing '*' must satisfy {@code
   * allowed}, otherwise {@link InvalidPatternException} with {@code expected}.
   */
  public static PrefixPatterns of(List<String> patterns, IntPredicate allowed, String expected) {
    Set<String> exact = new HashSet<>();
    List<String> prefixes = new ArrayList<>();
    for (String raw : patterns) {
      String p = raw.trim().toLowerCase(java.util.Locale.ROOT);
      boolean prefix = p.endsWith("*");
      String body = prefix ? p.substring(0, p.length() - 1) : p;
      if ((body.isEmpty() && !prefix) || !body.chars().allMatch(allowed)) {
        throw new InvalidPatternException(expected);
      }
      if (prefix) {
        prefixes.add(body);
      } else {
        exact.add(body);
      }
    }
    return new PrefixPatterns(
        Set.copyOf(exact), prefixes.toArray(new String[0]), List.copyOf(patterns));
  }

  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    if (exact.contains(value)) {
      return true;
    }
    for (String p : prefixes) {
      if (value.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** Exact values (lower case). */
  public Set<String> exactValues() {
    return exact;
  }

  /** Prefixes without their '*'. */
  public List<String> prefixes() {
    return List.of(prefixes);
  }

  @Override
  public String toString() {
    return texts.toString();
  }
}
