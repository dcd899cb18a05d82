package dev.agentgate.policy.redact.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Aho-Corasick over case-folded ASCII, compiled to a dense transition table, so that finding every
 * anchor of every detector costs one table lookup per char of text. Non-ASCII chars reset to the
 * root: anchors are ASCII. Immutable after construction.
 */
final class AnchorAutomaton {

  private static final int ALPHABET = 128;
  private static final int[] NO_OUTPUT = new int[0];
  private static final int HAS_OUTPUT = 0x8000_0000;
  private static final int STATE_MASK = 0x7fff_ffff;

  /** Called for each anchor occurrence. */
  interface HitSink {
    void hit(int anchorId, int start);
  }

  private final int[] delta;
  private final int[][] outputs;
  private final int[] lengths;

  /** Builds the automaton; anchor ids are indices into {@code literals}. */
  AnchorAutomaton(List<String> literals) {
    lengths = new int[literals.size()];
    List<int[]> gotoRows = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    gotoRows.add(newRow());
    out.add(new ArrayList<>());
    for (int id = 0; id < literals.size(); id++) {
      String lit = literals.get(id).toLowerCase(Locale.ROOT);
      lengths[id] = lit.length();
      int state = 0;
      for (int i = 0; i < lit.length(); i++) {
        int c = lit.charAt(i);
        if (gotoRows.get(state)[c] < 0) {
          gotoRows.get(state)[c] = gotoRows.size();
          gotoRows.add(newRow());
          out.add(new ArrayList<>());
        }
        state = gotoRows.get(state)[c];
      }
      out.get(state).add(id);
    }
    int states = gotoRows.size();
    delta = new int[states * ALPHABET];
    int[] fail = new int[states];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < ALPHABET; c++) {
      int next = gotoRows.get(0)[c];
      delta[c] = Math.max(next, 0);
      if (next > 0) {
        queue.add(next);
      }
    }
    // Breadth-first: a state's failure target is shallower, so its row is already complete.
    while (!queue.isEmpty()) {
      int s = queue.poll();
      out.get(s).addAll(out.get(fail[s]));
      for (int c = 0; c < ALPHABET; c++) {
        int next = gotoRows.get(s)[c];
        if (next >= 0) {
          fail[next] = delta[fail[s] * ALPHABET + c];
          delta[s * ALPHABET + c] = next;
          queue.add(next);
        } else {
          delta[s * ALPHABET + c] = delta[fail[s] * ALPHABET + c];
        }
      }
    }
    outputs = new int[states][];
    for (int s = 0; s < states; s++) {
      List<Integer> ids = out.get(s);
      outputs[s] = ids.isEmpty() ? NO_OUTPUT : ids.stream().mapToInt(Integer::intValue).toArray();
    }
    // Fold case into the table (upper-case columns copy lower-case ones) and flag states with
    // output in the sign bit, so the scan loop is one load and one test per char.
    for (int s = 0; s < states; s++) {
      for (int c = 'A'; c <= 'Z'; c++) {
        delta[s * ALPHABET + c] = delta[s * ALPHABET + c + ('a' - 'A')];
      }
    }
    for (int i = 0; i < delta.length; i++) {
      if (outputs[delta[i]].length != 0) {
        delta[i] |= HAS_OUTPUT;
      }
    }
  }

  private static int[] newRow() {
    int[] row = new int[ALPHABET];
    Arrays.fill(row, -1);
    return row;
  }

  /** Reports every occurrence of every anchor in {@code text}, case-insensitively. */
  void scan(String text, HitSink sink) {
    int state = 0;
    int[] d = delta;
    for (int i = 0, n = text.length(); i < n; i++) {
      int c = text.charAt(i);
      if (c >= ALPHABET) {
        state = 0;
        continue;
      }
      int next = d[state * ALPHABET + c];
      state = next & STATE_MASK;
      if (next < 0) {
        for (int id : outputs[state]) {
          sink.hit(id, i - lengths[id] + 1);
        }
      }
    }
  }
}
