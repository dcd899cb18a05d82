package dev.agentgate.policy.store;

/** Which policy a store holds: the one that decides, or the shadow evaluated beside it. */
public enum PolicyRole {
  LIVE,
  SHADOW
}
