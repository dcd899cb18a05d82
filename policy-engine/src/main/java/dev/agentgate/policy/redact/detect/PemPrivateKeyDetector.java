package dev.agentgate.policy.redact.detect;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * PEM private keys (PKCS#1, PKCS#8, encrypted PKCS#8, EC, DSA, OpenSSH, PGP): the whole block from
 * the BEGIN line through the matching END line, whether lines break with real newlines or with the
 * two chars {@code \n} of a key pasted inside a JSON string. A block cut off before its END line is
 * redacted up to the end of its base64 body.
 */
final class PemPrivateKeyDetector implements Detector {

  static final String NAME = "private-key";
  private static final String BEGIN = "-----BEGIN ";
  private static final String DASHES = "-----";
  private static final Pattern LABEL = Pattern.compile("(?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?");
  private static final int MAX_LABEL = 64;
  private static final int MAX_BLOCK = 256 * 1024;
  private static final int MIN_KEY_CHARS = 40;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Anchor> anchors() {
    return List.of(Anchor.exact(BEGIN));
  }

  @Override
  public void confirm(String text, int anchorStart, Consumer<Match> out) {
    int labelStart = anchorStart + BEGIN.length();
    int labelEnd = text.indexOf(DASHES, labelStart);
    if (labelEnd < 0 || labelEnd - labelStart > MAX_LABEL) {
      return;
    }
    String label = text.substring(labelStart, labelEnd);
    if (!LABEL.matcher(label).matches()) {
      return; // a certificate or public key: not a secret
    }
    int bodyStart = labelEnd + DASHES.length();
    String endLine = "-----END " + label + DASHES;
    int limit = (int) Math.min(text.length(), (long) bodyStart + MAX_BLOCK);
    int endAt = text.indexOf(endLine, bodyStart);
    boolean complete = endAt >= 0 && endAt < limit;
    int end = complete ? endAt + endLine.length() : bodyEnd(text, bodyStart);
    if (complete && !hasKeyMaterial(text, bodyStart, endAt)) {
      return; // a documentation example such as "XXXX" between the lines
    }
    out.accept(new Match(anchorStart, end, NAME, Match.SPECIFIC, false));
  }

  /**
   * Whether a complete block's body holds enough base64 to be a key: the smallest real keys (EC
   * P-256, Ed25519) have well over {@value #MIN_KEY_CHARS} chars, examples in docs have a few X.
   * Escape sequences ({@code \n}) do not count.
   */
  private static boolean hasKeyMaterial(String text, int from, int to) {
    int count = 0;
    boolean sawVariety = false;
    char first = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
        continue;
      }
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '+'
          || c == '/') {
        if (count == 0) {
          first = c;
        } else if (c != first) {
          sawVariety = true;
        }
        count++;
      }
    }
    return count >= MIN_KEY_CHARS && sawVariety;
  }

  /** End of a truncated block: the run of base64, header and line-break chars after BEGIN. */
  private static int bodyEnd(String text, int from) {
    int i = from;
    int limit = (int) Math.min(text.length(), (long) from + MAX_BLOCK);
    while (i < limit && isBodyChar(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isBodyChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '='
        || c == '-'
        || c == ':'
        || c == ','
        || c == ' '
        || c == '\t'
        || c == '\r'
        || c == '\n'
        || c == '\\';
  }
}
