package dev.agentgate.policy.agents;

import java.util.regex.Pattern;

/**
 * A header marker's test on a value. Most markers are a literal with optional anchors ("^cli$",
 * "^codex", "claude-code-"); those become equals/startsWith/endsWith/contains, so the hot path
 * allocates no {@code Matcher}. Anything else is a regex, compiled once.
 */
abstract class ValueMatcher {
  /** Characters that carry no regex meaning, so a run of them is a literal. */
  private static final Pattern LITERAL = Pattern.compile("\\^?[A-Za-z0-9_/:, -]+\\$?");

  abstract boolean test(String value);

  static ValueMatcher of(String regex) {
    if (regex.isEmpty() || ".*".equals(regex)) {
      return new ValueMatcher() {
        @Override
        boolean test(String value) {
          return true;
        }
      };
    }
    if (LITERAL.matcher(regex).matches()) {
      boolean start = regex.startsWith("^");
      boolean end = regex.endsWith("$");
      String text = regex.substring(start ? 1 : 0, regex.length() - (end ? 1 : 0));
      return new ValueMatcher() {
        @Override
        boolean test(String value) {
          if (start && end) {
            return value.equals(text);
          }
          return start ? value.startsWith(text) : end ? value.endsWith(text) : value.contains(text);
        }
      };
    }
    Pattern pattern = Pattern.compile(regex);
    return new ValueMatcher() {
      @Override
      boolean test(String value) {
        return pattern.matcher(value).find();
      }
    };
  }
}
