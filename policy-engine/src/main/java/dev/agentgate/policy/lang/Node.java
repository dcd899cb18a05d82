package dev.agentgate.policy.lang;

import java.util.List;

/** The policy document as YAML gave it: maps, lists and scalars, each with its position. */
sealed interface Node permits Node.Scalar, Node.ListNode, Node.MapNode {

  Position pos();

  /** 1-based line and column in the source text. */
  record Position(int line, int column) {}

  /** A scalar; {@code kind} says how YAML typed it (quoted "true" is a STRING, true is BOOL). */
  record Scalar(String text, Kind kind, Position pos) implements Node {
    enum Kind {
      STRING,
      NUMBER,
      BOOL,
      NULL
    }
  }

  record ListNode(List<Node> items, Position pos) implements Node {}

  /** A map in document order; keys are unique (the reader reports duplicates). */
  record MapNode(List<Entry> entries, Position pos) implements Node {
    Entry entry(String key) {
      for (Entry e : entries) {
        if (e.key().equals(key)) {
          return e;
        }
      }
      return null;
    }
  }

  record Entry(String key, Position keyPos, Node value) {}
}
