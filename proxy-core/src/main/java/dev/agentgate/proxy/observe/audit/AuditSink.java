package dev.agentgate.proxy.observe.audit;

/** Where the proxy hands audit events. {@link #record} never blocks, so event loops may call it. */
public interface AuditSink {

  /**
   * Queues an event for writing.
   *
   * @return false when it was dropped (queue full; counted in {@link #droppedCount()})
   */
  boolean record(AuditEvent event);

  /**
   * False while a fail-closed audit log is saturated or cannot write: the proxy refuses new
   * connections ("audit saturated"). Always true for fail-open.
   */
  boolean acceptingNewConnections();

  /** Events dropped since start (queue full or write failure), for the metrics. */
  long droppedCount();

  /** A sink that records nothing, when no audit file is configured. */
  static AuditSink disabled() {
    return DisabledAuditSink.INSTANCE;
  }
}
