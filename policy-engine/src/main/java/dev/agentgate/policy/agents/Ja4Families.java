package dev.agentgate.policy.agents;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalog's TLS families compiled for matching: a JA4 maps to a bit mask of the families whose
 * patterns it matches (a JA4 may fit several, e.g. Node 24 and native OpenSSL 3.5 share one).
 */
final class Ja4Families {
  /** Families are bits of a long; a catalog needing more is a design change, not an input. */
  static final int MAX = 64;

  private final String[] ids;
  private final Ja4Pattern[][] patterns;
  private final String[] evidence;

  Ja4Families(List<AgentDefinition.TlsFamily> families) {
    if (families.size() > MAX) {
      throw new IllegalArgumentException(
          "tls families: " + families.size() + " (expected: at most " + MAX + ")");
    }
    ids = new String[families.size()];
    patterns = new Ja4Pattern[families.size()][];
    evidence = new String[families.size()];
    for (int i = 0; i < ids.length; i++) {
      AgentDefinition.TlsFamily f = families.get(i);
      ids[i] = f.id();
      patterns[i] = f.ja4Patterns().stream().map(Ja4Pattern::new).toArray(Ja4Pattern[]::new);
      evidence[i] = "tls: ja4 fits runtime family " + f.id();
    }
  }

  /** The families {@code ja4} belongs to, as a bit mask (0 when it fits none). */
  long match(String ja4) {
    long mask = 0;
    for (int i = 0; i < patterns.length; i++) {
      for (Ja4Pattern p : patterns[i]) {
        if (p.matches(ja4)) {
          mask |= 1L << i;
          break;
        }
      }
    }
    return mask;
  }

  /** The mask of the named families; unknown ids are ignored (validation reports them). */
  long mask(List<String> familyIds) {
    long mask = 0;
    for (String id : familyIds) {
      for (int i = 0; i < ids.length; i++) {
        if (ids[i].equals(id)) {
          mask |= 1L << i;
        }
      }
    }
    return mask;
  }

  /** One evidence line per family in {@code mask}. */
  void describe(long mask, List<String> out) {
    for (int i = 0; i < ids.length; i++) {
      if ((mask & (1L << i)) != 0) {
        out.add(evidence[i]);
      }
    }
  }

  /** The family ids in {@code mask}, comma separated. */
  String names(long mask) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      if ((mask & (1L << i)) != 0) {
        names.add(ids[i]);
      }
    }
    return String.join(", ", names);
  }
}
