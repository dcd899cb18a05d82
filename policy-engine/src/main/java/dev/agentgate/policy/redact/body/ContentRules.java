package dev.agentgate.policy.redact.body;

import com.fasterxml.jackson.core.JsonStreamContext;
import dev.agentgate.policy.redact.ApiShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which string values of a JSON body carry content, as path rules per API shape. Rule syntax:
 * dot-separated field names ({@code a|b} for alternatives), {@code []} after a name for "any
 * element of this array", and a final {@code **} for "anything below". Only string values on a
 * matching path are scanned and rewritten; ids, model names, signatures, encrypted reasoning and
 * tool schemas are left alone.
 */
public final class ContentRules {

  // Anthropic Messages and OpenAI Chat Completions share "messages"; the union is safe for both.
  private static final List<String> MESSAGES =
      List.of(
          "system",
          "system[].text",
          "messages[].content",
          "messages[].content[].text",
          "messages[].content[].input.**",
          "messages[].content[].content",
          "messages[].content[].content[].text",
          "messages[].tool_calls[].function.arguments",
          "messages[].function_call.arguments");

  private static final List<String> RESPONSES =
      List.of(
          "instructions",
          "input",
          "input[]",
          "input[].content",
          "input[].content[].text",
          "input[].arguments",
          "input[].input",
          "input[].output",
          "input[].output[].text",
          "input[].action.command[]");

  private static final List<String> GEMINI =
      List.of(
          "contents[].parts[].text",
          "contents[].parts[].functionCall|function_call.args.**",
          "contents[].parts[].functionResponse|function_response.response.**",
          "systemInstruction|system_instruction.parts[].text");

  private static final Object ANY_INDEX = new Object();
  private static final Object ANY_BELOW = new Object();

  /** Scans every string value (other JSON). */
  public static final ContentRules ALL = new ContentRules(List.of(), true);

  private final List<Object[]> rules;
  private final boolean all;

  private ContentRules(List<String> specs, boolean all) {
    this.rules = specs.stream().map(ContentRules::compile).toList();
    this.all = all;
  }

  private static final ContentRules MESSAGES_RULES = new ContentRules(MESSAGES, false);
  private static final ContentRules RESPONSES_RULES = new ContentRules(RESPONSES, false);
  private static final ContentRules GEMINI_RULES = new ContentRules(GEMINI, false);
  private static final ContentRules CODE_ASSIST_RULES =
      new ContentRules(GEMINI.stream().map(r -> "request." + r).toList(), false);

  public static ContentRules forShape(ApiShape shape) {
    return switch (shape) {
      case ANTHROPIC_MESSAGES, OPENAI_CHAT -> MESSAGES_RULES;
      case OPENAI_RESPONSES -> RESPONSES_RULES;
      case GEMINI -> GEMINI_RULES;
      case GEMINI_CODE_ASSIST -> CODE_ASSIST_RULES;
      case OTHER_JSON, TEXT -> ALL;
    };
  }

  /** Parses one rule into segments: a Set of names, ANY_INDEX or ANY_BELOW. */
  private static Object[] compile(String spec) {
    List<Object> segs = new ArrayList<>();
    for (String part : spec.split("\\.")) {
      if (part.equals("**")) {
        segs.add(ANY_BELOW);
        continue;
      }
      boolean array = part.endsWith("[]");
      String names = array ? part.substring(0, part.length() - 2) : part;
      segs.add(Set.of(names.split("\\|")));
      if (array) {
        segs.add(ANY_INDEX);
      }
    }
    return segs.toArray();
  }

  /**
   * Whether the string value at the parser's current position carries content.
   *
   * @param ctx the parser's context at a VALUE_STRING token
   * @param scratch reusable array of at least the nesting depth, filled root-first
   */
  public boolean matches(JsonStreamContext ctx, JsonStreamContext[] scratch) {
    if (all) {
      return true;
    }
    int depth = fill(ctx, scratch);
    for (Object[] rule : rules) {
      if (matches(rule, scratch, depth)) {
        return true;
      }
    }
    return false;
  }

  /** Puts the non-root contexts from root to {@code ctx} into {@code out}; returns how many. */
  static int fill(JsonStreamContext ctx, JsonStreamContext[] out) {
    int depth = 0;
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      depth++;
    }
    int i = depth;
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      out[--i] = c;
    }
    return depth;
  }

  private static boolean matches(Object[] rule, JsonStreamContext[] path, int depth) {
    int r = 0;
    for (int i = 0; i < depth; i++, r++) {
      if (r >= rule.length) {
        return false;
      }
      Object seg = rule[r];
      if (seg == ANY_BELOW) {
        return true;
      }
      JsonStreamContext c = path[i];
      if (seg == ANY_INDEX) {
        if (!c.inArray()) {
          return false;
        }
      } else if (!c.inObject() || !((Set<?>) seg).contains(c.getCurrentName())) {
        return false;
      }
    }
    return r == rule.length || (r == rule.length - 1 && rule[r] == ANY_BELOW);
  }
}
