package dev.agentgate.policy.redact.detect;

import dev.agentgate.policy.redact.DetectorCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The built-in detectors by catalog name. A name can stand for several rules (a Discord bot token
 * and a Discord webhook URL are both {@code discord-token}). Every name in {@link DetectorCatalog}
 * has rules here and nothing else does; a test holds the two together.
 */
public final class BuiltInDetectors {
  private BuiltInDetectors() {}

  private static final Map<String, List<Detector>> BY_NAME = build();

  private static Map<String, List<Detector>> build() {
    Map<String, List<Detector>> map = new LinkedHashMap<>();
    Stream.of(
            CloudDetectors.all(),
            VcsDetectors.all(),
            ServiceDetectors.all(),
            VendorDetectors.all(),
            StructuralDetectors.all())
        .flatMap(List::stream)
        .forEach(d -> map.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d));
    map.replaceAll((k, v) -> List.copyOf(v));
    return Map.copyOf(map);
  }

  /** Every built-in name. */
  public static Set<String> names() {
    return BY_NAME.keySet();
  }

  /**
   * The rules for the given names; "all" means every built-in.
   *
   * @throws IllegalArgumentException for a name that is not built in
   */
  public static List<Detector> forNames(List<String> names) {
    List<Detector> out = new ArrayList<>();
    List<String> wanted = names.contains("all") ? List.copyOf(BY_NAME.keySet()) : names;
    for (String name : wanted) {
      List<Detector> rules = BY_NAME.get(name);
      if (rules == null) {
        throw new IllegalArgumentException("unknown detector: " + name);
      }
      for (Detector d : rules) {
        if (!out.contains(d)) {
          out.add(d);
        }
      }
    }
    return out;
  }
}
