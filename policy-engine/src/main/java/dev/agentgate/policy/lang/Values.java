package dev.agentgate.policy.lang;

import dev.agentgate.policy.match.InvalidPatternException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads scalar values of the document, recording a problem for each value of the wrong type. */
final class Values {
  private final Problems problems;

  Values(Problems problems) {
    this.problems = problems;
  }

  /**
   * The text of a scalar as written, so that {@code message: no} is the word "no" where text is
   * expected (YAML 1.1 would read it as false); {@code null} (error recorded) for null, a list or a
   * map.
   */
  String text(Node node, String name, String expected) {
    if (node instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.NULL) {
      if (!s.text().isBlank()) {
        return s.text();
      }
    }
    problems.error(node, name, expected);
    return null;
  }

  /**
   * One value or a non-empty list of values: the scalar nodes to read further. A map, or an empty
   * list, is an error (recorded) and gives an empty list.
   */
  List<Node> oneOrMany(Node node, String name, String expected) {
    if (node instanceof Node.ListNode list) {
      if (list.items().isEmpty()) {
        problems.error(node.pos(), name, "[]", "at least one value: " + expected);
      }
      return list.items();
    }
    if (node instanceof Node.MapNode || isNull(node)) {
      problems.error(node, name, expected + ", or a list of them");
      return List.of();
    }
    return List.of(node);
  }

  /** Texts of {@link #oneOrMany}; entries of the wrong type are recorded and left out. */
  List<String> texts(Node node, String name, String expected) {
    List<String> out = new ArrayList<>();
    for (Node item : oneOrMany(node, name, expected)) {
      String t = text(item, name, expected);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Every value of {@link #oneOrMany}, each text turned into a {@code T} by {@code parse}; {@code
   * null} when there is none or any is wrong. A value that {@code parse} rejects is recorded with
   * the {@link InvalidPatternException#expected() expectation} it throws, so every wrong value of
   * the list is reported, not just the first.
   */
  <T> List<T> parseEach(Node node, String name, String expected, Function<String, T> parse) {
    List<T> out = new ArrayList<>();
    boolean ok = true;
    for (Node item : oneOrMany(node, name, expected)) {
      String t = text(item, name, expected);
      if (t == null) {
        ok = false;
        continue;
      }
      try {
        out.add(parse.apply(t));
      } catch (InvalidPatternException e) {
        problems.error(item, name, e.expected());
        ok = false;
      }
    }
    return ok && !out.isEmpty() ? out : null;
  }

  /** A YAML boolean ({@code true}/{@code false} unquoted); {@code null} (recorded) otherwise. */
  Boolean bool(Node node, String name) {
    if (node instanceof Node.Scalar s && s.isBool()) {
      return s.kind() == Node.Scalar.Kind.TRUE;
    }
    problems.error(node, name, "true or false");
    return null;
  }

  /** A whole number in [min, max]; {@code null} (recorded) otherwise. */
  Integer integer(Node node, String name, long min, long max) {
    String expected = "a whole number from " + min + " to " + max;
    if (node instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.NUMBER) {
      try {
        long v = Long.parseLong(s.text().replace("_", ""));
        if (v >= min && v <= max) {
          return (int) v;
        }
      } catch (NumberFormatException e) {
        // A float or an out-of-range literal: reported below like any other wrong value.
      }
    }
    problems.error(node, name, expected);
    return null;
  }

  /** Compiles a regular expression of the policy, recording the syntax problem if it has one. */
  Pattern regex(Node node, String name, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      problems.error(
          node,
          name,
          "a Java regular expression (" + e.getDescription() + " near index " + e.getIndex() + ")");
      return null;
    }
  }

  static boolean isNull(Node node) {
    return node instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.NULL;
  }
}
