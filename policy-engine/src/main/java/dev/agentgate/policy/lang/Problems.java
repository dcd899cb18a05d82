package dev.agentgate.policy.lang;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every error of one compilation, so a policy author sees them all at once. */
final class Problems {
  private final String file;
  private final List<PolicyError> errors = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  /** Records {@code name: value (expected: expected)} at {@code pos}. */
  void error(Node.Position pos, String name, String value, String expected) {
    errors.add(
        new PolicyError(
            file, pos.line(), pos.column(), name + ": " + value + " (expected: " + expected + ")"));
  }

  /** Records an error about a node, showing its value. */
  void error(Node node, String name, String expected) {
    error(node.pos(), name, show(node), expected);
  }

  /** Records a message already in the form {@code name: value (expected: ...)}. */
  void message(Node.Position pos, String message) {
    errors.add(new PolicyError(file, pos.line(), pos.column(), message));
  }

  int count() {
    return errors.size();
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /** The errors in source order. */
  List<PolicyError> sorted() {
    List<PolicyError> out = new ArrayList<>(errors);
    out.sort(Comparator.comparingInt(PolicyError::line).thenComparingInt(PolicyError::column));
    return List.copyOf(out);
  }

  /** How a value appears in a message: strings quoted, other scalars as written. */
  static String show(Node node) {
    if (node instanceof Node.Scalar s) {
      return s.kind() == Node.Scalar.Kind.STRING ? quote(s.text()) : s.text();
    }
    return node instanceof Node.ListNode ? "a list" : "a map";
  }

  static String quote(String text) {
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
