package dev.agentgate.proxy.identity;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Source network to group mapping, for machines that cannot send credentials (CI runners, a VDI
 * subnet). A client in several networks gets the groups of all of them.
 */
public final class NetworkGroups {

  /** One mapped network. */
  public record Entry(Cidr network, Set<String> groups) {
    public Entry {
      groups = Set.copyOf(groups);
    }
  }

  private final List<Entry> entries;

  private NetworkGroups(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** No networks mapped. */
  public static NetworkGroups none() {
    return new NetworkGroups(List.of());
  }

  /**
   * Builds the mapping from configuration: CIDR text to its groups.
   *
   * @throws IllegalArgumentException naming the first invalid network or group
   */
  public static NetworkGroups of(Map<String, ? extends List<String>> cidrToGroups) {
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, ? extends List<String>> e :
        new LinkedHashMap<>(cidrToGroups).entrySet()) {
      Cidr cidr;
      try {
        cidr = Cidr.parse(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("identity.networks: " + ex.getMessage(), ex);
      }
      List<String> groups = e.getValue() == null ? List.of() : e.getValue();
      if (groups.isEmpty()) {
        throw new IllegalArgumentException(
            "identity.networks: " + e.getKey() + ": no groups (expected: a list of group names)");
      }
      for (String group : groups) {
        if (!UsersFile.isValidGroup(group)) {
          throw new IllegalArgumentException(
              "identity.networks: "
                  + e.getKey()
                  + ": group "
                  + group
                  + " (expected: letters, digits, '.', '_', '-')");
        }
      }
      entries.add(new Entry(cidr, new LinkedHashSet<>(groups)));
    }
    return new NetworkGroups(entries);
  }

  /** The groups of every network containing {@code address}; empty when none does. */
  public Set<String> groupsFor(InetAddress address) {
    Set<String> groups = null;
    for (Entry entry : entries) {
      if (entry.network().contains(address)) {
        if (groups == null) {
          groups = new LinkedHashSet<>();
        }
        groups.addAll(entry.groups());
      }
    }
    return groups == null ? Set.of() : groups;
  }

  /** True when no network is mapped. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** True when a mapped network covers a whole address family ({@code 0.0.0.0/0}, {@code ::/0}). */
  public boolean coversEverything() {
    return entries.stream().anyMatch(e -> e.network().isEverything());
  }

  /** The mapped networks, in configuration order. */
  public List<Entry> entries() {
    return entries;
  }
}
