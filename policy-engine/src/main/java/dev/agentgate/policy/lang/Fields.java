package dev.agentgate.policy.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * A map of the document read against the keys it may have: unknown keys are reported once, when the
 * view is made; {@link #require} reports a missing key at the map's position.
 */
final class Fields {
  private final Node.MapNode map;
  private final String prefix;
  private final Problems problems;

  private Fields(Node.MapNode map, String prefix, Problems problems) {
    this.map = map;
    this.prefix = prefix;
    this.problems = problems;
  }

  /**
   * A view of {@code node} as a map with the {@code allowed} keys, or {@code null} (error recorded)
   * when it is not a map. {@code prefix} names the map in messages ("" at the top, "match", ...).
   */
  static Fields of(Node node, String prefix, List<String> allowed, Problems problems) {
    return of(node, prefix, prefix.isEmpty() ? "policy" : prefix, allowed, problems);
  }

  /**
   * As {@link #of(Node, String, List, Problems)}, naming the map {@code what} when it is not one.
   */
  static Fields of(Node node, String prefix, String what, List<String> allowed, Problems problems) {
    if (!(node instanceof Node.MapNode map)) {
      problems.error(node, what, "a map with keys " + String.join(", ", allowed));
      return null;
    }
    Fields f = new Fields(map, prefix, problems);
    for (Node.Entry e : map.entries()) {
      if (!allowed.contains(e.key())) {
        problems.error(
            e.keyPos(),
            f.name(e.key()),
            Problems.show(e.value()),
            "one of " + String.join(", ", allowed));
      }
    }
    return f;
  }

  /** The value of {@code key}, or {@code null} when absent. */
  Node get(String key) {
    Node.Entry e = map.entry(key);
    return e == null ? null : e.value();
  }

  /** The value of {@code key}; when absent records {@code name: missing (expected: ...)}. */
  Node require(String key, String expected) {
    Node value = get(key);
    if (value == null) {
      problems.error(map.pos(), name(key), "missing", expected);
    }
    return value;
  }

  /** The entries in document order. */
  List<Node.Entry> entries() {
    return new ArrayList<>(map.entries());
  }

  /** The key's name in messages: {@code prefix.key}. */
  String name(String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  Node.Position pos() {
    return map.pos();
  }
}
