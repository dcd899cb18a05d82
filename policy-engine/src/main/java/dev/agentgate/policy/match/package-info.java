/**
 * Compiled matchers for rule conditions: host patterns, CIDR sets, globs, ports, fingerprint
 * prefixes, and the three-valued {@link dev.agentgate.policy.match.Condition}s built from them.
 * Start at {@code Condition} and {@code Tri}.
 */
package dev.agentgate.policy.match;
