/**
 * Reaching upstreams safely: {@link dev.agentgate.proxy.upstream.DestinationResolver} resolves
 * (asynchronously) and checks every address with the {@link
 * dev.agentgate.proxy.upstream.DestinationGuard}; {@link
 * dev.agentgate.proxy.upstream.UpstreamConnector} connects to the checked addresses on the client's
 * event loop.
 */
package dev.agentgate.proxy.upstream;
