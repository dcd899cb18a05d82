package dev.agentgate.policy.redact.detect;

import java.util.List;
import java.util.function.Consumer;

/**
 * A literal marker from the policy (for example a classification label): the content that carries
 * it is withheld as a whole, so the match asks for the whole value. Markers are matched exactly
 * (case included). ASCII markers ride the anchor automaton; others are searched directly.
 */
public final class MarkerDetector implements Detector {

  public static final String NAME = "marker";

  private final String marker;
  private final boolean ascii;

  public MarkerDetector(String marker) {
    if (marker.isEmpty()) {
      throw new IllegalArgumentException("empty marker");
    }
    this.marker = marker;
    this.ascii = marker.chars().allMatch(c -> c < 128);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Anchor> anchors() {
    return ascii ? List.of(Anchor.exact(marker)) : List.of();
  }

  @Override
  public void confirm(String text, int anchorStart, Consumer<Match> out) {
    out.accept(new Match(anchorStart, anchorStart + marker.length(), NAME, Match.MARKER, true));
  }

  @Override
  public void scanAll(String text, Consumer<Match> out) {
    int at = text.indexOf(marker);
    if (at >= 0) {
      confirm(text, at, out);
    }
  }

  // The marker text itself stays out of logs, like any other policy-supplied literal.
  @Override
  public String toString() {
    return "MarkerDetector[" + marker.length() + " chars]";
  }
}
