package dev.agentgate.policy.redact.detect;

/**
 * A span of a text that a detector claims, in UTF-16 indices of that text.
 *
 * @param start first char of the secret
 * @param end one past the last char
 * @param detector the detector's name, which becomes the placeholder type
 * @param priority lower wins when spans overlap (specific formats beat the entropy heuristic)
 * @param wholeValue the whole string carrying this span must go (a content marker)
 */
public record Match(int start, int end, String detector, int priority, boolean wholeValue) {

  /** Priority of issuer-specific formats, custom patterns and structural detectors. */
  public static final int SPECIFIC = 0;

  /** Priority of shape-only rules (a password in a URL): an issuer's format there wins. */
  public static final int STRUCTURAL = 1;

  /** Priority of heuristics (high entropy near a key word): they yield to everything else. */
  public static final int HEURISTIC = 2;

  /** Priority of content markers: they take the whole value. */
  public static final int MARKER = -1;

  public Match {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }

  public int length() {
    return end - start;
  }

  public boolean overlaps(Match other) {
    return start < other.end && other.start < end;
  }

  // No text in toString: a match is a position, never the value.
  @Override
  public String toString() {
    return detector + "@" + start + ".." + end;
  }
}
