package dev.agentgate.proxy.observe.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The agent label values, fixed at start-up: the catalog's agent ids plus {@code "unknown"}. The
 * proxy resolves an agent id to its index once per identification and records with the index, so
 * the hot path never builds a tag.
 */
public final class AgentIndex {
  /** The label value for traffic no catalog agent was identified for (or an id not known here). */
  public static final String UNKNOWN = "unknown";

  private final List<String> ids;
  private final Map<String, Integer> indexById;
  private final int unknownIndex;

  AgentIndex(Collection<String> catalogIds) {
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (String id : catalogIds) {
      if (id != null && !id.isBlank()) {
        unique.add(id);
      }
    }
    unique.remove(UNKNOWN);
    List<String> all = new ArrayList<>(unique);
    all.add(UNKNOWN);
    this.ids = List.copyOf(all);
    Map<String, Integer> map = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      map.put(ids.get(i), i);
    }
    this.indexById = Map.copyOf(map);
    this.unknownIndex = ids.size() - 1;
  }

  /** The index of {@code agentId}; {@code null} and ids not in the catalog map to "unknown". */
  public int indexOf(String agentId) {
    if (agentId == null) {
      return unknownIndex;
    }
    Integer index = indexById.get(agentId);
    return index == null ? unknownIndex : index;
  }

  /** The index of "unknown". */
  public int unknownIndex() {
    return unknownIndex;
  }

  /** Number of agent label values, "unknown" included. */
  public int size() {
    return ids.size();
  }

  /** The label value at {@code index}. */
  public String id(int index) {
    return ids.get(index);
  }

  /** {@code index} if it is a valid index, else the index of "unknown": never throws. */
  int clamp(int index) {
    return index >= 0 && index < unknownIndex ? index : unknownIndex;
  }
}
