package dev.agentgate.policy.agents;

import java.util.ArrayList;
import java.util.List;

/**
 * What the catalog knows about one destination (a host pattern, optionally narrowed by a path
 * prefix): the agents that use it, its purpose, and the agent it identifies on its own, if any. The
 * host-only {@link Identification} is precomputed, so identifying at CONNECT allocates nothing.
 */
final class HostView {
  static final HostView NONE =
      new HostView(new int[0], null, -1, List.of(), Identification.UNKNOWN);

  /** Catalog indices of the agents using this destination, in catalog order. */
  final int[] agents;

  final String category;

  /** The catalog index of the agent this destination identifies alone, or -1. */
  final int identifying;

  final List<String> evidence;
  final Identification result;

  private HostView(
      int[] agents,
      String category,
      int identifying,
      List<String> evidence,
      Identification result) {
    this.agents = agents;
    this.category = category;
    this.identifying = identifying;
    this.evidence = evidence;
    this.result = result;
  }

  /** A view of {@code where} used by {@code agents}, identifying one of them or none (-1). */
  static HostView of(String where, int[] agents, String category, int identifying, String[] ids) {
    if (agents.length == 0) {
      return NONE;
    }
    String dest = "destination " + where + (category == null ? "" : " (" + category + ")");
    if (identifying >= 0) {
      List<String> evidence = List.of(dest + ": belongs to " + ids[identifying]);
      return new HostView(
          agents,
          category,
          identifying,
          evidence,
          new Identification(
              ids[identifying], List.of(), Confidence.HOST, evidence, false, null, category));
    }
    List<String> names = names(agents, ids);
    String shared =
        names.size() == 1
            ? ": used by " + names.get(0) + " and clients outside the catalog"
            : ": shared by " + String.join(", ", names);
    List<String> evidence = List.of(dest + shared);
    return new HostView(
        agents,
        category,
        -1,
        evidence,
        new Identification(null, names, Confidence.HOST, evidence, false, null, category));
  }

  boolean contains(int agent) {
    for (int a : agents) {
      if (a == agent) {
        return true;
      }
    }
    return false;
  }

  static List<String> names(int[] agents, String[] ids) {
    List<String> names = new ArrayList<>(agents.length);
    for (int a : agents) {
      names.add(ids[a]);
    }
    return List.copyOf(names);
  }
}
