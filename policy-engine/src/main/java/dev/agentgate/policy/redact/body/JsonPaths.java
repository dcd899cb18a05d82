package dev.agentgate.policy.redact.body;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;

/** JSONPath-style names for findings: {@code $.messages[2].content[0].text}. */
final class JsonPaths {
  private JsonPaths() {}

  static String of(JsonStreamContext ctx) {
    ArrayDeque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else {
        parts.push(field(c.getCurrentName()));
      }
    }
    StringBuilder b = new StringBuilder("$");
    parts.forEach(b::append);
    return b.toString();
  }

  private static String field(String name) {
    if (name != null && name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      return "." + name;
    }
    String n = name == null ? "" : name.replace("\\", "\\\\").replace("'", "\\'");
    return "['" + n + "']";
  }
}
