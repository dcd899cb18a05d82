/**
 * The admin listener: {@link dev.agentgate.proxy.admin.AdminServer} serves {@code /healthz}, {@code
 * /readyz} and {@code /metrics}, and the bearer-token policy API under {@code /v1/} ({@link
 * dev.agentgate.proxy.admin.PolicyApi}: push, validate, rollback, explain).
 */
package dev.agentgate.proxy.admin;
