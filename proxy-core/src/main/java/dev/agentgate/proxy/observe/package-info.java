/**
 * What the proxy reports about connections: {@link dev.agentgate.proxy.observe.ConnectionObserver}
 * (metrics and audit implement it) and the per-connection {@link
 * dev.agentgate.proxy.observe.ConnectionFacts}.
 */
package dev.agentgate.proxy.observe;
