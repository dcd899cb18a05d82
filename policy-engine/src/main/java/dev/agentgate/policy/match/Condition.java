package dev.agentgate.policy.match;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Identification;

/**
 * One compiled key of a rule's {@code match}. A condition is asked only at phases that know its
 * fact ({@link #phase()}); earlier phases treat it as {@link Tri#UNKNOWN} without calling it.
 */
public interface Condition {

  /** The policy key this condition was compiled from ("host", "ja4", ...), for explanations. */
  String key();

  /** The key and its values as the policy wrote them, for explanations ("host [*.cursor.sh]"). */
  String describe();

  /** The first phase at which this condition's fact is known. */
  Phase phase();

  /**
   * The answer for a request whose phase knows {@link #phase()}. Returns {@link Tri#UNKNOWN} only
   * where the fact itself is still open (agent candidates before the HTTP phase), never at HTTP.
   */
  Tri test(EgressRequest request, Identification agent);

  /** The answer at the request's phase: {@link Tri#UNKNOWN} for a fact not known yet. */
  default Tri evaluate(EgressRequest request, Identification agent) {
    return request.phase().knows(phase()) ? test(request, agent) : Tri.UNKNOWN;
  }
}
