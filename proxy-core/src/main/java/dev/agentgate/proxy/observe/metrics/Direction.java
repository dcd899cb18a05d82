package dev.agentgate.proxy.observe.metrics;

/** Which way bytes flow through a tunnel; the {@code direction} label. */
public enum Direction {
  /** From the client towards the upstream server (what leaves the network). */
  UPSTREAM,
  /** From the upstream server back to the client. */
  DOWNSTREAM
}
