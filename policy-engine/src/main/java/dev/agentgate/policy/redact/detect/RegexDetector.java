package dev.agentgate.policy.redact.detect;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector whose rule is a precompiled regular expression tried only near an anchor hit. If the
 * pattern has a group named {@code s}, only that group is the secret (so {@code password=} stays
 * and the value goes); otherwise the whole match is. An optional check on the secret rejects
 * look-alikes (checksums, entropy, structure).
 */
public final class RegexDetector implements Detector {

  private final String name;
  private final List<Anchor> anchors;
  private final Pattern pattern;
  private final int before;
  private final int maxLength;
  private final int priority;
  private final boolean hasSecretGroup;
  private final Predicate<String> check;
  private final Precheck precheck;

  /**
   * A cheap test at the anchor (a few chars) that spares the regex for most hits of a short anchor.
   */
  @FunctionalInterface
  public interface Precheck {
    boolean worthTrying(String text, int anchorStart);
  }

  private RegexDetector(Builder b) {
    this.name = Objects.requireNonNull(b.name);
    this.anchors = List.copyOf(b.anchors);
    this.pattern = Objects.requireNonNull(b.pattern, "pattern");
    this.before = b.before;
    this.maxLength = b.maxLength;
    this.priority = b.priority;
    this.hasSecretGroup = pattern.pattern().contains("(?<s>");
    this.check = b.check;
    this.precheck = b.precheck;
  }

  public static Builder named(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Anchor> anchors() {
    return anchors;
  }

  @Override
  public void confirm(String text, int anchorStart, Consumer<Match> out) {
    if (precheck != null && !precheck.worthTrying(text, anchorStart)) {
      return;
    }
    int from = Math.max(0, anchorStart - before);
    int to = (int) Math.min(text.length(), (long) anchorStart + maxLength);
    Matcher m = pattern.matcher(text);
    // Transparent bounds: boundary look-arounds see the chars just outside the window.
    m.useTransparentBounds(true).useAnchoringBounds(false).region(from, to);
    if (before == 0) {
      if (m.lookingAt()) {
        emit(text, m, out);
      }
      return;
    }
    while (m.find()) {
      if (m.start() > anchorStart) {
        return;
      }
      if (m.end() > anchorStart) {
        emit(text, m, out);
        return;
      }
    }
  }

  private void emit(String text, Matcher m, Consumer<Match> out) {
    int start = hasSecretGroup ? m.start("s") : m.start();
    int end = hasSecretGroup ? m.end("s") : m.end();
    if (start < 0 || end <= start) {
      return;
    }
    if (check != null && !check.test(text.substring(start, end))) {
      return;
    }
    out.accept(new Match(start, end, name, priority, false));
  }

  @Override
  public String toString() {
    return "RegexDetector[" + name + "]";
  }

  /** Builds a {@link RegexDetector}; the pattern is compiled once, here. */
  public static final class Builder {
    private final String name;
    private List<Anchor> anchors = List.of();
    private Pattern pattern;
    private int before;
    private int maxLength = 512;
    private int priority = Match.SPECIFIC;
    private Predicate<String> check;
    private Precheck precheck;

    private Builder(String name) {
      this.name = name;
    }

    /** Case-sensitive anchors: the token's documented prefix. */
    public Builder prefixes(String... literals) {
      anchors = Arrays.stream(literals).map(Anchor::exact).toList();
      return this;
    }

    /** Case-insensitive anchors: key words. */
    public Builder keywords(String... literals) {
      anchors = Arrays.stream(literals).map(Anchor::anyCase).toList();
      return this;
    }

    public Builder pattern(String regex) {
      this.pattern = Pattern.compile(regex);
      return this;
    }

    /** How far before the anchor the match may start (0: the match starts at the anchor). */
    public Builder before(int chars) {
      this.before = chars;
      return this;
    }

    /** Longest match after the anchor worth considering; bounds regex work per hit. */
    public Builder maxLength(int chars) {
      this.maxLength = chars;
      return this;
    }

    /** Overlap priority (see {@link Match}); issuer formats keep the default. */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    public Builder check(Predicate<String> check) {
      this.check = check;
      return this;
    }

    public Builder precheck(Precheck precheck) {
      this.precheck = precheck;
      return this;
    }

    public RegexDetector build() {
      return new RegexDetector(this);
    }
  }
}
