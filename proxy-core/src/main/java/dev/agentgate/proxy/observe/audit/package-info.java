/**
 * The tamper-evident audit log: {@link dev.agentgate.proxy.observe.audit.AuditEvent}s written as
 * hash-chained JSON lines by {@link dev.agentgate.proxy.observe.audit.AuditLog} (never blocking an
 * event loop), rotated by size, checked by {@link dev.agentgate.proxy.observe.audit.AuditVerifier}.
 */
package dev.agentgate.proxy.observe.audit;
