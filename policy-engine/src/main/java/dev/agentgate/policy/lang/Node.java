package dev.agentgate.policy.lang;

import java.util.List;

/** The policy document as YAML gave it: maps, lists and scalars, each with its position. */
sealed interface Node permits Node.Scalar, Node.ListNode, Node.MapNode {

  Position pos();

  /** 1-based line and column in the source text. */
  record Position(int line, int column) {}

  /**
   * A scalar as written; {@code kind} says how YAML typed it (quoted "true" is a STRING; true, yes,
   * on are TRUE).
   */
  record Scalar(String text, Kind kind, Position pos) implements Node {
    enum Kind {
      STRING,
      NUMBER,
      TRUE,
      FALSE,
      NULL
    }

    boolean isBool() {
      return kind == Kind.TRUE || kind == Kind.FALSE;
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
