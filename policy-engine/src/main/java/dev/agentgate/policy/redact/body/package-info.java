/**
 * Request bodies for redaction: decoding (gzip, deflate, br, zstd), recognising the model API
 * shape, and splicing replacements into the original JSON bytes. Start at {@link
 * dev.agentgate.policy.redact.body.JsonRedactor}.
 */
package dev.agentgate.policy.redact.body;
