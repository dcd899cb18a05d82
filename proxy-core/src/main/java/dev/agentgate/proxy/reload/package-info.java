/**
 * The policy in the running proxy: {@link dev.agentgate.proxy.reload.PolicyRuntime} builds the
 * store, the file poller, the signature keys and the shadow policy from the config.
 */
package dev.agentgate.proxy.reload;
