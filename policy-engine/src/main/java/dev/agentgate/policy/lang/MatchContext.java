package dev.agentgate.policy.lang;

import dev.agentgate.policy.match.EndpointCategories;
import java.util.Set;

/**
 * What a match is validated against: the agent ids of the policy's catalog (built-in plus the
 * policy's own agents) and the destination categories it knows.
 */
record MatchContext(
    Set<String> agentIds, EndpointCategories categories, Set<String> knownCategories) {

  /** Categories a policy may always name, whether or not the catalog uses them yet. */
  static final Set<String> BASE_CATEGORIES =
      Set.of("model-api", "telemetry", "auth", "update", "indexing", "other");
}
