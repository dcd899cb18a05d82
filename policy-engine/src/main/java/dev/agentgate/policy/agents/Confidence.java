package dev.agentgate.policy.agents;

/** How strongly the facts support an agent identification, weakest first. */
public enum Confidence {
  /** No fact points at any agent. */
  NONE,
  /** The destination host narrows it to one agent or a set of candidates. */
  HOST,
  /** The host and the TLS fingerprint family agree. */
  HOST_TLS,
  /** The User-Agent or agent-specific headers confirm it. */
  HEADERS
}
