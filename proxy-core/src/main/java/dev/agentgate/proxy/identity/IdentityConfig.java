package dev.agentgate.proxy.identity;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code identity:} section of the proxy configuration (read by the config loader, keys in
 * snake_case). Validation happens on construction, with {@code identity.key: value (expected: ...)}
 * messages.
 *
 * @param mode {@code required}, {@code optional} or {@code networks}; absent means no identity is
 *     configured (every client is anonymous; see {@link #checkNotOpenProxy})
 * @param usersFile the users file (the loader resolves it against the configuration file's
 *     directory)
 * @param networks source network (CIDR) to groups
 * @param allowOpenProxy serve unidentified clients on a non-loopback address anyway
 * @param cacheSeconds how long a password check's outcome is cached (default 300)
 * @param reloadSeconds how often the users file is polled for changes (default 2; 0 never)
 * @param verifyThreads threads that run bcrypt (default: half the processors, at least 1)
 * @param verifyQueue checks that may wait for a thread before new ones get 503 (default 256)
 */
public record IdentityConfig(
    IdentityMode mode,
    Path usersFile,
    Map<String, List<String>> networks,
    boolean allowOpenProxy,
    Integer cacheSeconds,
    Integer reloadSeconds,
    Integer verifyThreads,
    Integer verifyQueue) {

  public IdentityConfig {
    networks = networks == null ? Map.of() : new LinkedHashMap<>(networks);
    cacheSeconds = positiveOr(cacheSeconds, 300, "cache_seconds", 0);
    reloadSeconds = positiveOr(reloadSeconds, 2, "reload_seconds", 0);
    verifyThreads =
        positiveOr(
            verifyThreads,
            Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
            "verify_threads",
            1);
    verifyQueue = positiveOr(verifyQueue, 256, "verify_queue", 1);
    NetworkGroups.of(networks); // validates every network and group
    if (mode == IdentityMode.REQUIRED && usersFile == null) {
      throw new IllegalArgumentException(
          "identity.users_file: missing (expected: a users file when identity.mode is required;"
              + " create one with agentgate users add)");
    }
    if (mode == IdentityMode.NETWORKS && networks.isEmpty()) {
      throw new IllegalArgumentException(
          "identity.networks: empty (expected: at least one CIDR: [groups] when identity.mode is"
              + " networks)");
    }
    if (mode == IdentityMode.NETWORKS && usersFile != null) {
      throw new IllegalArgumentException(
          "identity.users_file: "
              + usersFile
              + " (expected: none when identity.mode is networks, which ignores credentials)");
    }
  }

  private static int positiveOr(Integer value, int fallback, String key, int min) {
    if (value == null) {
      return fallback;
    }
    if (value < min) {
      throw new IllegalArgumentException(
          "identity." + key + ": " + value + " (expected: a number >= " + min + ")");
    }
    return value;
  }

  /** No {@code identity:} section: every client is anonymous. */
  public static IdentityConfig none() {
    return new IdentityConfig(null, null, null, false, null, null, null, null);
  }

  /** The mode in effect: {@link IdentityMode#OPTIONAL} when none is configured. */
  public IdentityMode effectiveMode() {
    return mode == null ? IdentityMode.OPTIONAL : mode;
  }

  /** The parsed network mapping. */
  public NetworkGroups networkGroups() {
    return NetworkGroups.of(networks);
  }

  Duration cacheTtl() {
    return Duration.ofSeconds(cacheSeconds);
  }

  Duration reloadInterval() {
    return Duration.ofSeconds(reloadSeconds);
  }

  /**
   * The open-proxy guard, called by {@code agentgate run} before it binds: a listener on a
   * non-loopback address must identify its clients, unless {@code allow_open_proxy: true}.
   *
   * @throws IllegalStateException with one line saying why and what to configure
   */
  public void checkNotOpenProxy(InetAddress listenAddress) {
    if (listenAddress.isLoopbackAddress() || allowOpenProxy) {
      return;
    }
    String why = openBecause();
    if (why != null) {
      throw new IllegalStateException(
          "refusing to listen on "
              + listenAddress.getHostAddress()
              + ": "
              + why
              + ", so anyone who can reach it could use it as an open proxy;"
              + " set identity.mode to required (with a users_file) or networks, or set"
              + " identity.allow_open_proxy: true if that is intended");
    }
  }

  /** Why this configuration serves clients it cannot identify, or {@code null} when it does not. */
  private String openBecause() {
    if (mode == null) {
      return "no identity is configured";
    }
    if (mode == IdentityMode.OPTIONAL) {
      return "identity.mode is optional (clients without credentials are served as anonymous)";
    }
    if (networkGroups().coversEverything()) {
      return "identity.networks maps every address (0.0.0.0/0 or ::/0)";
    }
    return null;
  }
}
