package dev.agentgate.proxy.pipeline.intercept;

/** Where the current request of an intercepted tunnel stands. */
enum RequestState {
  /** Waiting for a request head. */
  IDLE,
  /** The request was answered already; its body is dropped until its end. */
  DISCARDING,
  /** The body is being gathered or inspected for redaction. */
  REDACTING,
  /** The request is going upstream and its response coming back. */
  FORWARDING
}
