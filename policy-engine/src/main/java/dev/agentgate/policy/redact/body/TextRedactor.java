package dev.agentgate.policy.redact.body;

import dev.agentgate.policy.redact.FindingCollector;
import dev.agentgate.policy.redact.detect.Match;
import dev.agentgate.policy.redact.detect.SecretScanner;
import java.util.List;

/** Redacts a text body scanned whole; a marker withholds the whole body. */
public final class TextRedactor {

  /** The finding path of a text body. */
  public static final String PATH = "$";

  private final SecretScanner scanner;

  public TextRedactor(SecretScanner scanner) {
    this.scanner = scanner;
  }

  /** The text with secrets replaced, or null when nothing was found. */
  public String redact(String text, FindingCollector findings) {
    List<Match> matches = scanner.scan(text);
    if (matches.isEmpty()) {
      return null;
    }
    String whole = null;
    for (Match m : matches) {
      findings.add(m.detector(), PATH, text.substring(m.start(), m.end()));
      if (m.wholeValue() && whole == null) {
        whole = m.detector();
      }
    }
    if (whole != null) {
      return Placeholder.of(whole);
    }
    StringBuilder b = new StringBuilder(text.length());
    int at = 0;
    for (Match m : matches) {
      int start = Placeholder.snapStart(text, m.start());
      int end = Placeholder.snapEnd(text, m.end());
      b.append(text, at, start).append(Placeholder.of(m.detector()));
      at = end;
    }
    return b.append(text, at, text.length()).toString();
  }
}
