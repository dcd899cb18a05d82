package dev.agentgate.policy.redact.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a fixed set of detectors over texts. One pass of the anchor automaton finds the places worth
 * looking at; only there do detectors run their (precompiled) rules. Overlapping claims are
 * resolved so that each char belongs to at most one match. Immutable and thread-safe.
 */
public final class SecretScanner {

  private static final Comparator<Match> PREFERENCE =
      Comparator.comparingInt(Match::priority)
          .thenComparing(Comparator.comparingInt(Match::length).reversed())
          .thenComparingInt(Match::start)
          .thenComparing(Match::detector);

  private final AnchorAutomaton automaton;
  private final String[] anchorLiterals;
  private final boolean[] anchorCaseSensitive;
  private final Detector[][] anchorDetectors;
  private final List<Detector> fullScanDetectors;

  public SecretScanner(List<Detector> detectors) {
    // Same literal and case rule from several detectors share one automaton entry.
    Map<Anchor, List<Detector>> byAnchor = new LinkedHashMap<>();
    List<Detector> fullScan = new ArrayList<>();
    for (Detector d : detectors) {
      if (d.anchors().isEmpty()) {
        fullScan.add(d);
      }
      for (Anchor a : d.anchors()) {
        List<Detector> list = byAnchor.computeIfAbsent(a, k -> new ArrayList<>());
        if (!list.contains(d)) {
          list.add(d);
        }
      }
    }
    int n = byAnchor.size();
    anchorLiterals = new String[n];
    anchorCaseSensitive = new boolean[n];
    anchorDetectors = new Detector[n][];
    int i = 0;
    for (Map.Entry<Anchor, List<Detector>> e : byAnchor.entrySet()) {
      anchorLiterals[i] = e.getKey().literal();
      // Only letters can differ in case: "." or "://" need no second look.
      anchorCaseSensitive[i] =
          e.getKey().caseSensitive() && e.getKey().literal().chars().anyMatch(Character::isLetter);
      anchorDetectors[i] = e.getValue().toArray(new Detector[0]);
      i++;
    }
    automaton = new AnchorAutomaton(List.of(anchorLiterals));
    fullScanDetectors = List.copyOf(fullScan);
  }

  /** Non-overlapping matches in {@code text}, ordered by position; empty when none. */
  public List<Match> scan(String text) {
    List<Match> raw = new ArrayList<>();
    Consumer<Match> sink = raw::add;
    automaton.scan(
        text,
        (id, start) -> {
          String lit = anchorLiterals[id];
          if (anchorCaseSensitive[id] && !sameCase(text, start, lit)) {
            return;
          }
          for (Detector d : anchorDetectors[id]) {
            d.confirm(text, start, sink);
          }
        });
    for (Detector d : fullScanDetectors) {
      d.scanAll(text, sink);
    }
    return raw.isEmpty() ? List.of() : resolve(raw);
  }

  /** The automaton matched ignoring case; whether the text has the literal's exact case. */
  private static boolean sameCase(String text, int start, String literal) {
    for (int k = 0, n = literal.length(); k < n; k++) {
      if (text.charAt(start + k) != literal.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Keeps the preferred match wherever claims overlap; drops duplicates from shared anchors. */
  static List<Match> resolve(List<Match> raw) {
    if (raw.size() == 1) {
      return raw;
    }
    List<Match> sorted = new ArrayList<>(new HashSet<>(raw));
    sorted.sort(PREFERENCE);
    List<Match> kept = new ArrayList<>();
    for (Match m : sorted) {
      boolean free = true;
      for (Match k : kept) {
        if (k.overlaps(m)) {
          free = false;
          break;
        }
      }
      if (free) {
        kept.add(m);
      }
    }
    kept.sort(Comparator.comparingInt(Match::start));
    return kept;
  }
}
