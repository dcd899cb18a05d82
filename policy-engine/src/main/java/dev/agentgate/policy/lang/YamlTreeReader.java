package dev.agentgate.policy.lang;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a {@link Node} tree that remembers where every key and value was, using
 * Jackson's streaming YAML parser (the token locations give line and column). Reports syntax
 * errors, duplicate keys, aliases and extra documents to {@link Problems}.
 */
final class YamlTreeReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final String SYNTAX_HINT =
      "valid YAML; quote values that start with * or contain \": \"";

  private final Problems problems;

  YamlTreeReader(Problems problems) {
    this.problems = problems;
  }

  /** The document's root, or {@code null} when the text is empty or not YAML (errors recorded). */
  Node read(String text) {
    try (YAMLParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      Node root = value(parser);
      if (parser.nextToken() != null) {
        problems.error(position(parser), "yaml", "a second document", "a single YAML document");
      }
      return root;
    } catch (JsonProcessingException e) {
      syntaxError(e);
      return null;
    } catch (IOException e) {
      // Reading from a String cannot fail with a plain I/O error; report it like a syntax error.
      problems.error(new Node.Position(1, 1), "yaml", String.valueOf(e.getMessage()), SYNTAX_HINT);
      return null;
    }
  }

  private Node value(YAMLParser p) throws IOException {
    Node.Position pos = position(p);
    if (p.isCurrentAlias()) {
      problems.error(pos, "yaml", "*" + p.getText(), "no aliases (write the value out)");
    }
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        return map(p, pos);
      case START_ARRAY:
        return list(p, pos);
      case VALUE_STRING:
        return new Node.Scalar(p.getText(), Node.Scalar.Kind.STRING, pos);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Node.Scalar(p.getText(), Node.Scalar.Kind.NUMBER, pos);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new Node.Scalar(
            p.getText(),
            t == JsonToken.VALUE_TRUE ? Node.Scalar.Kind.TRUE : Node.Scalar.Kind.FALSE,
            pos);
      case VALUE_NULL:
        return new Node.Scalar("null", Node.Scalar.Kind.NULL, pos);
      default:
        // Binary (!!binary) and other embedded values have no meaning in a policy.
        problems.error(pos, "yaml", p.getText(), "a map, a list, a string, a number or a boolean");
        return new Node.Scalar(p.getText(), Node.Scalar.Kind.NULL, pos);
    }
  }

  private Node map(YAMLParser p, Node.Position pos) throws IOException {
    List<Node.Entry> entries = new ArrayList<>();
    Map<String, Node.Position> seen = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      Node.Position keyPos = position(p);
      p.nextToken();
      Node value = value(p);
      Node.Position first = seen.putIfAbsent(key, keyPos);
      if (first != null) {
        problems.error(
            keyPos,
            key,
            "a second value",
            "each key once in a map (first at line " + first.line() + ")");
      } else {
        entries.add(new Node.Entry(key, keyPos, value));
      }
    }
    return new Node.MapNode(List.copyOf(entries), pos);
  }

  private Node list(YAMLParser p, Node.Position pos) throws IOException {
    List<Node> items = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      items.add(value(p));
    }
    return new Node.ListNode(List.copyOf(items), pos);
  }

  private static Node.Position position(YAMLParser p) {
    JsonLocation l = p.currentTokenLocation();
    return new Node.Position(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  private void syntaxError(JsonProcessingException e) {
    Node.Position pos;
    String problem;
    // Jackson wraps SnakeYAML's exception, whose marks point at the offending character.
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      Mark mark = m.getProblemMark();
      pos = new Node.Position(mark.getLine() + 1, mark.getColumn() + 1);
      problem =
          (m.getContext() == null ? "" : m.getContext() + ": ") + String.valueOf(m.getProblem());
    } else {
      JsonLocation l = e.getLocation();
      pos =
          l == null
              ? new Node.Position(1, 1)
              : new Node.Position(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
      problem = e.getOriginalMessage();
    }
    problems.error(pos, "yaml", problem.replace('\n', ' ').trim(), SYNTAX_HINT);
  }
}
