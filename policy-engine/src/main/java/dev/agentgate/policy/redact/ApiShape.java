package dev.agentgate.policy.redact;

/** What a request body was recognised as; decides which string values carry content. */
public enum ApiShape {
  /** Anthropic Messages: system, messages[].content, tool_use.input, tool_result.content. */
  ANTHROPIC_MESSAGES,
  /** OpenAI Chat Completions: messages[].content (string or parts), tool call arguments. */
  OPENAI_CHAT,
  /** OpenAI Responses: instructions, input (string or items), call arguments and outputs. */
  OPENAI_RESPONSES,
  /** Gemini generateContent: contents[].parts, systemInstruction, function calls/responses. */
  GEMINI,
  /** Gemini Code Assist: the Gemini request wrapped in a top-level "request". */
  GEMINI_CODE_ASSIST,
  /** Any other JSON: every string value is scanned. */
  OTHER_JSON,
  /** A text body: scanned whole. */
  TEXT
}
