package dev.agentgate.proxy.identity;

import java.util.Locale;

/** How the proxy establishes who a client is. */
public enum IdentityMode {
  /**
   * Every client sends valid {@code Proxy-Authorization: Basic} credentials, except clients whose
   * source address is in a mapped network (machines that cannot send credentials).
   */
  REQUIRED,
  /**
   * Credentials are checked when sent (wrong ones are refused); a client without them is anonymous
   * and gets the {@code anonymous} group plus the groups of its source network.
   */
  OPTIONAL,
  /** Only the source network counts; credentials are ignored; unmapped sources are refused. */
  NETWORKS;

  /** The configuration spelling: {@code required}, {@code optional}, {@code networks}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the configuration spelling, in any case. */
  public static IdentityMode parse(String value) {
    for (IdentityMode mode : values()) {
      if (mode.configName().equalsIgnoreCase(value == null ? "" : value.trim())) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "identity.mode: " + value + " (expected: required, optional, networks)");
  }
}
