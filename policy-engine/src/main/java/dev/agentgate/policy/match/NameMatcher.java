package dev.agentgate.policy.match;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A list of names, each exact or a {@link Glob}; any one matching is enough. */
public final class NameMatcher {
  private final Set<String> exact;
  private final Glob[] globs;
  private final List<String> texts;

  private NameMatcher(Set<String> exact, Glob[] globs, List<String> texts) {
    this.exact = exact;
    this.globs = globs;
    this.texts = texts;
  }

  /** Compiles every entry; throws {@link InvalidPatternException} on a bad glob. */
  public static NameMatcher of(List<String> names) {
    Set<String> exact = new HashSet<>();
    List<Glob> globs = new ArrayList<>();
    for (String n : names) {
      if (Glob.isGlob(n)) {
        globs.add(Glob.compile(n));
      } else {
        exact.add(n);
      }
    }
    return new NameMatcher(Set.copyOf(exact), globs.toArray(new Glob[0]), List.copyOf(names));
  }

  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    if (exact.contains(value)) {
      return true;
    }
    for (Glob g : globs) {
      if (g.matches(value)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return texts.toString();
  }
}
