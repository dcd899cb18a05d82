package dev.agentgate.policy.match;

import java.util.regex.Pattern;

/**
 * A shell-style glob, compiled to a regular expression. {@code *} matches within one path segment
 * (no '/'), {@code **} matches across segments, {@code ?} one character, {@code [abc]} and {@code
 * [!abc]} a character class; everything else is literal.
 */
public final class Glob {
  static final String EXPECTED = "a glob of literal characters, *, **, ? and closed [...] classes";

  private final String text;
  private final Pattern pattern;

  private Glob(String text, Pattern pattern) {
    this.text = text;
    this.pattern = pattern;
  }

  /** True when {@code text} contains a glob metacharacter (otherwise it is a literal). */
  public static boolean isGlob(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']') {
        return true;
      }
    }
    return false;
  }

  public static Glob compile(String glob) {
    if (glob.isEmpty() || glob.contains("***")) {
      throw new InvalidPatternException(EXPECTED);
    }
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*') {
        boolean doubleStar = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
        regex.append(doubleStar ? ".*" : "[^/]*");
        i += doubleStar ? 2 : 1;
      } else if (c == '?') {
        regex.append("[^/]");
        i++;
      } else if (c == '[') {
        i = appendClass(glob, i, regex);
      } else if (c == ']') {
        throw new InvalidPatternException(EXPECTED);
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    return new Glob(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  public boolean matches(String value) {
    return pattern.matcher(value).matches();
  }

  @Override
  public String toString() {
    return text;
  }

  /** Appends a [...] class; returns the index after its ']'. */
  private static int appendClass(String glob, int open, StringBuilder regex) {
    int close = glob.indexOf(']', open + 1);
    int first = open + 1;
    boolean negate =
        first < glob.length() && (glob.charAt(first) == '!' || glob.charAt(first) == '^');
    int start = negate ? first + 1 : first;
    if (close < 0 || close == start || glob.substring(start, close).contains("[")) {
      throw new InvalidPatternException(EXPECTED);
    }
    regex.append(negate ? "[^" : "[");
    for (int k = start; k < close; k++) {
      char c = glob.charAt(k);
      boolean range = c == '-' && k > start && k < close - 1;
      regex.append(range ? "-" : (Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c));
    }
    regex.append(']');
    return close + 1;
  }
}
