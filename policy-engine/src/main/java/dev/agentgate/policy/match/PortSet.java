package dev.agentgate.policy.match;

import java.util.List;

/** Ports and port ranges ("443", "8000-8999"). */
public final class PortSet {
  static final String EXPECTED = "a number 1-65535 or a range such as 8000-8999";

  private final int[] from;
  private final int[] to;
  private final List<String> texts;

  private PortSet(int[] from, int[] to, List<String> texts) {
    this.from = from;
    this.to = to;
    this.texts = texts;
  }

  /** Compiles the entries; throws {@link InvalidPatternException} on the first bad one. */
  public static PortSet of(List<String> entries) {
    int[] from = new int[entries.size()];
    int[] to = new int[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      String e = entries.get(i).trim();
      int dash = e.indexOf('-', 1);
      from[i] = parsePort(dash < 0 ? e : e.substring(0, dash));
      to[i] = dash < 0 ? from[i] : parsePort(e.substring(dash + 1));
      if (to[i] < from[i]) {
        throw new InvalidPatternException(EXPECTED);
      }
    }
    return new PortSet(from, to, List.copyOf(entries));
  }

  public boolean contains(int port) {
    for (int i = 0; i < from.length; i++) {
      if (port >= from[i] && port <= to[i]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return texts.toString();
  }

  private static int parsePort(String text) {
    String t = text.trim();
    if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidPatternException(EXPECTED);
    }
    int port = Integer.parseInt(t);
    if (port < 1 || port > 65535) {
      throw new InvalidPatternException(EXPECTED);
    }
    return port;
  }
}
