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
  private final int[][] anchorDetectorIds;
  private final int detectorCount;
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
    anchorDetectorIds = new int[n][];
    List<Detector> distinct = new ArrayList<>();
    int i = 0;
    for (Map.Entry<Anchor, List<Detector>> e : byAnchor.entrySet()) {
      anchorLiterals[i] = e.getKey().literal();
      // Only letters can differ in case: "." or "://" need no second look.
      anchorCaseSensitive[i] =
          e.getKey().caseSensitive() && e.getKey().literal().chars().anyMatch(Character::isLetter);
      anchorDetectors[i] = e.getValue().toArray(new Detector[0]);
      anchorDetectorIds[i] = new int[anchorDetectors[i].length];
      for (int k = 0; k < anchorDetectors[i].length; k++) {
        Detector d = anchorDetectors[i][k];
        int id = indexOfIdentity(distinct, d);
        if (id < 0) {
          id = distinct.size();
          distinct.add(d);
        }
        anchorDetectorIds[i][k] = id;
      }
      i++;
    }
    detectorCount = distinct.size();
    automaton = new AnchorAutomaton(List.of(anchorLiterals));
    fullScanDetectors = List.copyOf(fullScan);
  }

  /** Non-overlapping matches in {@code text}, ordered by position; empty when none. */
  public List<Match> scan(String text) {
    List<Match> raw = new ArrayList<>();
    Consumer<Match> sink = raw::add;
    // Where each detector's last match ends: a hit inside it cannot add anything, and skipping
    // it keeps repetitive input (an anchor repeated many times in one token) linear.
    int[] coveredUntil = new int[detectorCount];
    automaton.scan(
        text,
        (id, start) -> {
          String lit = anchorLiterals[id];
          if (anchorCaseSensitive[id] && !sameCase(text, start, lit)) {
            return;
          }
          Detector[] ds = anchorDetectors[id];
          int[] ids = anchorDetectorIds[id];
          for (int k = 0; k < ds.length; k++) {
            if (start < coveredUntil[ids[k]]) {
              continue;
            }
            int before = raw.size();
            ds[k].confirm(text, start, sink);
            for (int m = before; m < raw.size(); m++) {
              coveredUntil[ids[k]] = Math.max(coveredUntil[ids[k]], raw.get(m).end());
            }
          }
        });
    for (Detector d : fullScanDetectors) {
      d.scanAll(text, sink);
    }
    return raw.isEmpty() ? List.of() : resolve(raw);
  }

  private static int indexOfIdentity(List<Detector> list, Detector d) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == d) {
        return i;
      }
    }
    return -1;
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
