package dev.agentgate.proxy.observe.audit;

/** The sink used when auditing is off: accepts and discards, never saturates. */
enum DisabledAuditSink implements AuditSink {
  INSTANCE;

  @Override
  public boolean record(AuditEvent event) {
    return true;
  }

  @Override
  public boolean acceptingNewConnections() {
    return true;
  }

  @Override
  public long droppedCount() {
    return 0;
  }
}
