package dev.agentgate.policy.agents;

/**
 * A JA4 value or a glob where '*' stands for any run of characters. Matching is a few {@code
 * regionMatches}/{@code indexOf} calls: no regex and no allocation.
 */
final class Ja4Pattern {
  private final String[] parts;
  private final boolean exact;

  Ja4Pattern(String pattern) {
    this.exact = pattern.indexOf('*') < 0;
    this.parts = pattern.split("\\*", -1);
  }

  boolean matches(String ja4) {
    if (exact) {
      return parts[0].equals(ja4);
    }
    String first = parts[0];
    String last = parts[parts.length - 1];
    if (ja4.length() < first.length() + last.length()
        || !ja4.startsWith(first)
        || !ja4.endsWith(last)) {
      return false;
    }
    int from = first.length();
    int end = ja4.length() - last.length();
    for (int i = 1; i < parts.length - 1; i++) {
      String part = parts[i];
      int at = ja4.indexOf(part, from);
      if (at < 0 || at + part.length() > end) {
        return false;
      }
      from = at + part.length();
    }
    return true;
  }
}
