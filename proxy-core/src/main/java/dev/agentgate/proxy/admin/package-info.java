/**
 * The admin listener: {@link dev.agentgate.proxy.admin.AdminServer} serves {@code /healthz}, {@code
 * /readyz} and {@code /metrics}.
 */
package dev.agentgate.proxy.admin;
