package dev.agentgate.policy.match;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A compiled list of {@link HostPattern}s (any one matching is enough). */
public final class HostSet {
  private final Set<String> exact;
  private final HostPattern[] wildcards;
  private final List<HostPattern> patterns;

  private HostSet(List<HostPattern> patterns) {
    this.patterns = List.copyOf(patterns);
    Set<String> names = new HashSet<>();
    List<HostPattern> wild = new ArrayList<>();
    for (HostPattern p : patterns) {
      if (p.wildcard()) {
        wild.add(p);
      } else {
        names.add(p.name());
      }
    }
    this.exact = Set.copyOf(names);
    this.wildcards = wild.toArray(new HostPattern[0]);
  }

  public static HostSet of(List<HostPattern> patterns) {
    return new HostSet(patterns);
  }

  /** True when any pattern matches {@code host} (normalized here if it needs to be). */
  public boolean matches(String host) {
    String h = HostPattern.normalize(host);
    if (exact.contains(h)) {
      return true;
    }
    for (HostPattern w : wildcards) {
      if (w.matches(h)) {
        return true;
      }
    }
    return false;
  }

  public List<HostPattern> patterns() {
    return patterns;
  }

  @Override
  public String toString() {
    return patterns.toString();
  }
}
