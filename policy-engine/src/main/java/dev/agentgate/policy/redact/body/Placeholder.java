package dev.agentgate.policy.redact.body;

import java.nio.charset.StandardCharsets;

/** The typed placeholder {@code [REDACTED:<detector>]} that replaces a secret. */
public final class Placeholder {
  private Placeholder() {}

  public static String of(String detector) {
    return "[REDACTED:" + detector + "]";
  }

  /** The placeholder as JSON string content (escaped, UTF-8), ready to splice between quotes. */
  static byte[] json(String detector) {
    String s = of(detector);
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Moves a span start off the low half of a surrogate pair, so no char is cut in two. */
  static int snapStart(String text, int start) {
    return start > 0
            && Character.isLowSurrogate(text.charAt(start))
            && Character.isHighSurrogate(text.charAt(start - 1))
        ? start - 1
        : start;
  }

  /** Moves a span end past the low half of a surrogate pair whose high half it includes. */
  static int snapEnd(String text, int end) {
    return end < text.length()
            && Character.isLowSurrogate(text.charAt(end))
            && Character.isHighSurrogate(text.charAt(end - 1))
        ? end + 1
        : end;
  }
}
