/**
 * Secret detectors: an anchor automaton finds candidate positions in one pass, then each detector's
 * precompiled rule confirms them. Start at {@link
 * dev.agentgate.policy.redact.detect.SecretScanner}.
 */
package dev.agentgate.policy.redact.detect;
