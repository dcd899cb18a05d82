package dev.agentgate.policy.redact.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentgate.policy.redact.SecretSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A coding agent's Anthropic Messages request of about the given size, generated from a seed: a
 * long system prompt, tool definitions with JSON schemas, and a conversation of tool calls whose
 * results are source files, with a few secrets planted in them.
 */
public final class RealisticRequest {

  private static final String[] WORDS = {
    "the",
    "agent",
    "must",
    "read",
    "file",
    "before",
    "editing",
    "token",
    "session",
    "request",
    "user",
    "configuration",
    "cache",
    "buffer",
    "handler",
    "password",
    "reset",
    "secret",
    "rotation",
    "should",
    "never",
    "commit",
    "changes",
    "unless",
    "asked",
    "tests",
    "run",
    "with",
    "maven",
    "output",
    "is",
    "shown",
    "in",
    "a",
    "terminal",
    "use",
    "relative",
    "paths",
    "and",
    "explain",
    "why",
    "each",
    "step",
    "matters",
    "key",
    "value",
    "store",
    "database",
    "schema",
    "migration"
  };
  private static final String[] TYPES = {
    "Session", "TokenStore", "UserRecord", "CacheEntry", "RequestContext", "KeyRing", "Config"
  };
  private static final String[] NOUNS = {
    "session", "token", "user", "entry", "context", "key", "config", "buffer", "secretName"
  };

  private final Random r;
  private final List<SecretSamples.Sample> planted = new ArrayList<>();

  private RealisticRequest(long seed) {
    this.r = new Random(seed);
  }

  /** The request body (JSON, pretty-printed like the SDKs do not, so compact) and its secrets. */
  public record Body(byte[] json, List<SecretSamples.Sample> secrets) {}

  public static Body build(int approxBytes, long seed) {
    return new RealisticRequest(seed).make(approxBytes);
  }

  private Body make(int approxBytes) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode().put("model", "claude-opus-4-8");
    ArrayNode system = root.putArray("system");
    system
        .addObject()
        .put("type", "text")
        .put("text", "x-anthropic-billing-header: cc_version=2.1.197");
    system
        .addObject()
        .put("type", "text")
        .put("text", prose(approxBytes / 5))
        .putObject("cache_control")
        .put("type", "ephemeral");
    ArrayNode tools = root.putArray("tools");
    for (String name :
        List.of("Bash", "Read", "Edit", "Write", "Grep", "Glob", "WebFetch", "TodoWrite")) {
      ObjectNode tool = tools.addObject().put("name", name).put("description", prose(1200));
      ObjectNode schema = tool.putObject("input_schema").put("type", "object");
      ObjectNode props = schema.putObject("properties");
      for (int i = 0; i < 4; i++) {
        props
            .putObject(NOUNS[r.nextInt(NOUNS.length)] + i)
            .put("type", "string")
            .put("description", prose(120));
      }
      schema.putArray("required").add(NOUNS[0] + "0");
    }
    ArrayNode messages = root.putArray("messages");
    messages
        .addObject()
        .put("role", "user")
        .put("content", "Fix the failing test in TokenStoreTest and explain the cause.");
    int turn = 0;
    while (size(mapper, root) < approxBytes) {
      String id = "toolu_" + turn;
      ObjectNode assistant = messages.addObject().put("role", "assistant");
      ArrayNode ac = assistant.putArray("content");
      ac.addObject().put("type", "text").put("text", prose(300));
      ac.addObject()
          .put("type", "tool_use")
          .put("id", id)
          .put("name", "Read")
          .putObject("input")
          .put("file_path", "src/main/java/app/" + TYPES[turn % TYPES.length] + ".java");
      ObjectNode user = messages.addObject().put("role", "user");
      String code = code(6000);
      if (turn % 3 == 1) {
        code =
            plantInto(
                code,
                List.of("github-token", "aws-access-key", "jwt", "stripe-key")
                    .get(planted.size() % 4));
      }
      user.putArray("content")
          .addObject()
          .put("type", "tool_result")
          .put("tool_use_id", id)
          .put("content", code);
      turn++;
    }
    root.putObject("metadata")
        .put("user_id", "{\"device_id\":\"015763041f8e0cb2\",\"session_id\":\"a9d38a02\"}");
    root.put("max_tokens", 64000);
    root.put("stream", true);
    try {
      return new Body(mapper.writeValueAsBytes(root), List.copyOf(planted));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String plantInto(String code, String kind) {
    SecretSamples.Sample s = SecretSamples.sample(kind, r);
    planted.add(s);
    int cut = code.indexOf('\n', code.length() / 2) + 1;
    return code.substring(0, cut)
        + "    // "
        + s.text().replace('\n', ' ')
        + "\n"
        + code.substring(cut);
  }

  private static int size(ObjectMapper mapper, ObjectNode root) {
    try {
      return mapper.writeValueAsBytes(root).length;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String prose(int chars) {
    StringBuilder b = new StringBuilder();
    while (b.length() < chars) {
      for (int w = 6 + r.nextInt(12); w > 0; w--) {
        b.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
      }
      b.setCharAt(b.length() - 1, '.');
      b.append(r.nextInt(6) == 0 ? "\n\n- " : " ");
    }
    return b.toString();
  }

  private String code(int chars) {
    StringBuilder b =
        new StringBuilder("package app;\n\nimport java.util.Map;\nimport java.util.Objects;\n\n");
    String type = TYPES[r.nextInt(TYPES.length)];
    b.append("/** Keeps ")
        .append(prose(80))
        .append(" */\npublic final class ")
        .append(type)
        .append(" {\n");
    while (b.length() < chars) {
      String t = TYPES[r.nextInt(TYPES.length)];
      String n = NOUNS[r.nextInt(NOUNS.length)];
      String m = NOUNS[r.nextInt(NOUNS.length)];
      b.append("  /** Returns the ")
          .append(n)
          .append(" for the given ")
          .append(m)
          .append(". */\n")
          .append("  public ")
          .append(t)
          .append(" find")
          .append(Character.toUpperCase(n.charAt(0)))
          .append(n.substring(1))
          .append("(String ")
          .append(m)
          .append(") {\n")
          .append("    Objects.requireNonNull(")
          .append(m)
          .append(", \"")
          .append(m)
          .append(" must not be null\");\n")
          .append("    var found = ")
          .append(n)
          .append("s.get(")
          .append(m)
          .append(".strip());\n")
          .append("    if (found == null || found.expiresAt() < clock.millis() + ")
          .append(r.nextInt(90_000))
          .append(") {\n")
          .append("      log.debug(\"refreshing {} for {}\", \"")
          .append(n)
          .append("\", ")
          .append(m)
          .append(");\n")
          .append("      found = loader.load(")
          .append(m)
          .append(", Map.of(\"retries\", ")
          .append(r.nextInt(5))
          .append("));\n")
          .append("    }\n    return found;\n  }\n\n");
    }
    return b.append("}\n").toString();
  }
}
