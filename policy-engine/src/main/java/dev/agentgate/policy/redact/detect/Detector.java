package dev.agentgate.policy.redact.detect;

import java.util.List;
import java.util.function.Consumer;

/**
 * One kind of secret. A detector with anchors is only asked to confirm candidates at anchor hits
 * (cheap); one without anchors scans the whole text itself (custom patterns from a policy).
 * Implementations are immutable and thread-safe.
 */
public interface Detector {

  /** The name in findings and in the placeholder {@code [REDACTED:<name>]}. */
  String name();

  /** Literals whose presence makes this detector worth running; empty means scan every text. */
  List<Anchor> anchors();

  /**
   * Confirms candidates around an anchor hit.
   *
   * @param text the text being scanned
   * @param anchorStart index of the first char of the anchor in {@code text}
   * @param out receives every confirmed match
   */
  void confirm(String text, int anchorStart, Consumer<Match> out);

  /** Scans the whole text; only called when {@link #anchors()} is empty. */
  default void scanAll(String text, Consumer<Match> out) {}
}
