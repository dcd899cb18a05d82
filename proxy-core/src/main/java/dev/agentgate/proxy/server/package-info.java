/**
 * Bootstrap and lifecycle: {@link dev.agentgate.proxy.server.ProxyServer} (one event loop group,
 * listeners, graceful drain), {@link dev.agentgate.proxy.server.Transport} (epoll or NIO) and
 * {@link dev.agentgate.proxy.server.ConnectionTracker} (per-address limits, drain).
 */
package dev.agentgate.proxy.server;
