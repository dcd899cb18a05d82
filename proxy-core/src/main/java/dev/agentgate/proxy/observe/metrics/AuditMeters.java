package dev.agentgate.proxy.observe.metrics;

import io.micrometer.core.instrument.FunctionCounter;

/** Audit events written and dropped, read from the audit writer's own counts on each scrape. */
final class AuditMeters {
  private final SourceSlot<AuditStats> audit = new SourceSlot<>(AuditStats.NONE);

  AuditMeters(MeterFactory meters) {
    FunctionCounter.builder("agentgate.audit.events.written", audit, slot -> slot.get().written())
        .description("Audit events appended to the audit log.")
        .register(meters.registry());
    FunctionCounter.builder("agentgate.audit.events.dropped", audit, slot -> slot.get().dropped())
        .description("Audit events lost (queue full or write failure): the audit trail has a gap.")
        .register(meters.registry());
  }

  void bind(AuditStats stats) {
    audit.bind(stats);
  }
}
