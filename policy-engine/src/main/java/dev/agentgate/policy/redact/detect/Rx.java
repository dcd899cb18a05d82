package dev.agentgate.policy.redact.detect;

/** Regex fragments shared by the built-in rules, so that boundaries mean the same everywhere. */
final class Rx {
  private Rx() {}

  /** Not preceded by a letter or digit (a token starts a word). */
  static final String START = "(?<![A-Za-z0-9])";

  /** Not followed by a letter or digit (base62 tokens end a word). */
  static final String END62 = "(?![A-Za-z0-9])";

  /** Not followed by a base64url char (tokens whose alphabet includes - and _). */
  static final String END64URL = "(?![A-Za-z0-9_-])";

  /**
   * Between a key word and its value: optional (possibly JSON-escaped) closing quote, an assignment
   * or colon, optional opening quote.
   */
  static final String ASSIGN = "(?:\\\\?[\"'])?[ \\t]{0,4}(?::=|=>|=|:)[ \\t]{0,4}(?:\\\\?[\"'`])?";

  /** After a key-word value: something that ends a value in code, config or prose. */
  static final String VALUE_END = "(?=$|[\\s\"'`,;)\\]}<>\\\\])";
}
