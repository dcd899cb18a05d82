package dev.agentgate.policy;

/** What the proxy does with a connection or request. */
public enum Action {
  /** Let it through: splice a tunnel without decrypting, or forward a request. */
  ALLOW,
  /** Refuse it, with a message for the agent and its user. */
  BLOCK,
  /** Intercept and rewrite the request body with the named redactor before forwarding. */
  REDACT,
  /**
   * No rule can decide with the facts known so far: look deeper. At CONNECT this means answer 200
   * and read the ClientHello; at TLS it means intercept. Never returned at the HTTP phase.
   */
  CONTINUE
}
