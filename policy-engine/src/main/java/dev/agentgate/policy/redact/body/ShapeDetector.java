package dev.agentgate.policy.redact.body;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.agentgate.policy.redact.ApiShape;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Recognises a model API from a JSON body's top-level keys (one quick pass that skips nested
 * values): {@code messages} is Anthropic Messages or OpenAI Chat, {@code contents} is Gemini,
 * {@code request.contents} Gemini Code Assist, {@code input}/{@code instructions} OpenAI Responses;
 * anything else is other JSON.
 */
final class ShapeDetector {
  private ShapeDetector() {}

  /** Top-level keys only Anthropic Messages uses beside "messages". */
  private static final Set<String> ANTHROPIC_ONLY =
      Set.of(
          "system",
          "anthropic_version",
          "stop_sequences",
          "top_k",
          "thinking",
          "context_management",
          "mcp_servers",
          "container");

  static ApiShape detect(JsonFactory factory, byte[] json) throws IOException {
    try (JsonParser p = factory.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return ApiShape.OTHER_JSON;
      }
      Set<String> keys = new HashSet<>();
      boolean requestHasContents = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        keys.add(key);
        JsonToken value = p.nextToken();
        if (key.equals("request") && value == JsonToken.START_OBJECT) {
          requestHasContents = hasKey(p, "contents");
        } else {
          p.skipChildren();
        }
      }
      return shapeOf(keys, requestHasContents);
    }
  }

  /** Reads the object the parser is at to its end; whether it has the key at its top level. */
  private static boolean hasKey(JsonParser p, String wanted) throws IOException {
    boolean found = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      found |= wanted.equals(p.currentName());
      p.nextToken();
      p.skipChildren();
    }
    return found;
  }

  private static ApiShape shapeOf(Set<String> keys, boolean requestHasContents) {
    if (keys.contains("messages")) {
      for (String k : ANTHROPIC_ONLY) {
        if (keys.contains(k)) {
          return ApiShape.ANTHROPIC_MESSAGES;
        }
      }
      return ApiShape.OPENAI_CHAT;
    }
    if (keys.contains("contents")) {
      return ApiShape.GEMINI;
    }
    if (requestHasContents) {
      return ApiShape.GEMINI_CODE_ASSIST;
    }
    if (keys.contains("input") || keys.contains("instructions")) {
      return ApiShape.OPENAI_RESPONSES;
    }
    return ApiShape.OTHER_JSON;
  }
}
