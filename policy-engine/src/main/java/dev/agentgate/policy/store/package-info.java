/**
 * The live policy and how it changes: {@link dev.agentgate.policy.store.PolicyStore} (one volatile
 * snapshot, keep-last-good, history, rollback), {@link dev.agentgate.policy.store.FilePolicySource}
 * (poll + content hash), {@link dev.agentgate.policy.store.PolicySignatures} (Ed25519), {@link
 * dev.agentgate.policy.store.ShadowedEngine} (a shadow policy beside the live one). Start at {@code
 * PolicyStore}.
 */
package dev.agentgate.policy.store;
