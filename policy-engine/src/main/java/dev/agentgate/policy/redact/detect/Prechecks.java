package dev.agentgate.policy.redact.detect;

/**
 * Cheap looks at the chars around an anchor hit that rule out most hits of common anchors (key
 * words in prose and code, dots) before a regex is tried. Each must accept everything its
 * detector's regex could match.
 */
final class Prechecks {
  private Prechecks() {}

  /**
   * After a key word: the rest of the identifier, an optional (escaped) quote, blanks, then {@code
   * :} or {@code =}. This is what the key-word rules require, and it is rare in prose.
   */
  static boolean assignmentFollows(String t, int anchorStart) {
    int n = t.length();
    int i = anchorStart;
    int limit = Math.min(n, anchorStart + 64);
    while (i < limit && isIdentChar(t.charAt(i))) {
      i++;
    }
    if (i < n && t.charAt(i) == '\\') {
      i++;
    }
    if (i < n && (t.charAt(i) == '"' || t.charAt(i) == '\'')) {
      i++;
    }
    for (int k = 0; k < 4 && i < n && (t.charAt(i) == ' ' || t.charAt(i) == '\t'); k++) {
      i++;
    }
    return i < n && (t.charAt(i) == ':' || t.charAt(i) == '=');
  }

  /** After a word such as "Bearer": a blank, then something. */
  static boolean blankFollowsWord(String t, int anchorStart) {
    int i = anchorStart;
    int n = t.length();
    while (i < n && Character.isLetter(t.charAt(i))) {
      i++;
    }
    return i + 1 < n && (t.charAt(i) == ' ' || t.charAt(i) == '\t');
  }

  private static boolean isIdentChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '.'
        || c == '-';
  }
}
