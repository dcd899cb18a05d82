package dev.agentgate.policy.agents;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One agent of the catalog: where it talks to, how its requests look and which TLS runtimes it
 * ships with. The built-in catalog is a resource of this module; a policy can add agents and
 * replace entries by id.
 *
 * @param id stable lower-case id used in policies, metrics and audit (e.g. "claude-code")
 * @param name display name
 * @param vendor who makes it
 * @param endpoints hosts (exact or "*.suffix"), each with a purpose and optionally a path prefix
 * @param userAgentPrefixes User-Agent prefixes that name this agent (e.g. "claude-cli/"), compared
 *     ignoring case
 * @param headerMarkers header name (lower case) to a regular expression searched in its value
 *     (anchor with ^ and $ for a whole-value match); ".*" means presence is enough. Markers are
 *     attribution, not authentication: evidence names the header, never its value
 * @param tlsFamilies ids of {@link TlsFamily} runtimes this agent is known to ship with; empty
 *     means "any runtime" (an SDK), so the JA4 never rules the agent out
 * @param exclusiveHosts true when the hosts belong to this agent alone (host alone identifies it),
 *     except endpoints marked {@link Endpoint#shared()}
 */
public record AgentDefinition(
    String id,
    String name,
    String vendor,
    List<Endpoint> endpoints,
    List<String> userAgentPrefixes,
    Map<String, String> headerMarkers,
    List<String> tlsFamilies,
    boolean exclusiveHosts) {

  public AgentDefinition {
    Objects.requireNonNull(id, "id");
    endpoints = List.copyOf(endpoints);
    userAgentPrefixes = List.copyOf(userAgentPrefixes);
    headerMarkers = Map.copyOf(headerMarkers);
    tlsFamilies = List.copyOf(tlsFamilies);
  }

  /**
   * A destination of an agent.
   *
   * @param host exact host or "*.suffix"
   * @param category "model-api", "telemetry", "auth", "update", "indexing" or "other"
   * @param pathPrefix a path prefix that narrows the endpoint on a shared host, or {@code null}
   * @param shared true when other clients (SDK users, browsers, other tools) use this destination
   *     too, so it never identifies the agent on its own even if the agent's hosts are exclusive
   */
  public record Endpoint(String host, String category, String pathPrefix, boolean shared) {

    /** An endpoint that is not marked shared (the agent's {@code exclusiveHosts} decides). */
    public Endpoint(String host, String category, String pathPrefix) {
      this(host, category, pathPrefix, false);
    }
  }

  /**
   * A TLS runtime family: a JA4 names the runtime (Bun, Node 20, rustls, Go, ...), not the agent.
   *
   * @param id e.g. "bun", "node-20", "rustls", "go", "jdk", "python", "electron"
   * @param ja4Patterns exact JA4 values or patterns where '*' stands for any run of characters (a
   *     prefix "t13d17*", or the stable cipher/extension hashes "*_5b57614c22b0_*" that survive a
   *     change of ALPN or extension count); an empty list means the family's JA4 is not known
   */
  public record TlsFamily(String id, String description, List<String> ja4Patterns) {
    public TlsFamily {
      ja4Patterns = List.copyOf(ja4Patterns);
    }
  }
}
