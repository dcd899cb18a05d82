package dev.agentgate.policy.lang;

import java.util.Arrays;

/**
 * The rule indices that can apply to one request: a few sorted index lists (from the host, agent,
 * fingerprint and group lookups plus the rules that are always candidates), merged lazily in rule
 * order so evaluation stops at the first deciding rule. A rule found by two lookups comes once.
 */
final class Candidates {
  private int[][] lists = new int[6][];
  private int[] positions = new int[6];
  private int count;
  private int last = -1;

  void add(int[] list) {
    if (list == null || list.length == 0) {
      return;
    }
    if (count == lists.length) {
      lists = Arrays.copyOf(lists, count * 2);
      positions = Arrays.copyOf(positions, count * 2);
    }
    lists[count++] = list;
  }

  /** The next rule index in ascending order, or -1 when there is none. */
  int next() {
    int best = Integer.MAX_VALUE;
    int bestList = -1;
    for (int i = 0; i < count; i++) {
      int[] l = lists[i];
      int p = positions[i];
      while (p < l.length && l[p] <= last) {
        p++;
      }
      positions[i] = p;
      if (p < l.length && l[p] < best) {
        best = l[p];
        bestList = i;
      }
    }
    if (bestList < 0) {
      return -1;
    }
    positions[bestList]++;
    last = best;
    return best;
  }
}
