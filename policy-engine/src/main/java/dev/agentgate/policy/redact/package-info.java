/**
 * Redaction: detectors for secrets and marked content, and API-shape-aware rewriting of request
 * bodies. Start at {@link dev.agentgate.policy.redact.Redactor}, compiled from a policy's {@link
 * dev.agentgate.policy.redact.RedactorSpec}.
 */
package dev.agentgate.policy.redact;
