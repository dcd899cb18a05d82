package dev.agentgate.policy.redact.detect;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern from the policy. It has no anchor, so it scans every text in full: policy authors
 * should keep such patterns few and specific. A named group {@code secret} narrows the replacement
 * to that group.
 */
public final class CustomPatternDetector implements Detector {

  private final String name;
  private final Pattern pattern;
  private final boolean hasSecretGroup;

  public CustomPatternDetector(String name, Pattern pattern) {
    this.name = name;
    this.pattern = pattern;
    this.hasSecretGroup = pattern.pattern().contains("(?<secret>");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Anchor> anchors() {
    return List.of();
  }

  @Override
  public void confirm(String text, int anchorStart, Consumer<Match> out) {
    scanAll(text, out);
  }

  @Override
  public void scanAll(String text, Consumer<Match> out) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      int start = hasSecretGroup ? m.start("secret") : m.start();
      int end = hasSecretGroup ? m.end("secret") : m.end();
      if (start >= 0 && end > start) {
        out.accept(new Match(start, end, name, Match.SPECIFIC, false));
      }
    }
  }

  @Override
  public String toString() {
    return "CustomPatternDetector[" + name + "]";
  }
}
