package dev.agentgate.policy.redact.detect;

/**
 * A literal that must occur in a text before a detector is worth running there. The automaton
 * matches anchors case-insensitively; a case-sensitive anchor is re-checked at the hit.
 *
 * @param literal ASCII text to look for
 * @param caseSensitive whether the hit must match the literal's case exactly
 */
public record Anchor(String literal, boolean caseSensitive) {
  public Anchor {
    if (literal.isEmpty()) {
      throw new IllegalArgumentException("empty anchor");
    }
    for (int i = 0; i < literal.length(); i++) {
      if (literal.charAt(i) >= 128) {
        throw new IllegalArgumentException("anchors are ASCII: " + literal);
      }
    }
  }

  public static Anchor exact(String literal) {
    return new Anchor(literal, true);
  }

  public static Anchor anyCase(String literal) {
    return new Anchor(literal, false);
  }
}
