/**
 * The client connection's pipeline, one handler per phase; start reading at {@link
 * dev.agentgate.proxy.pipeline.ClientChannelInitializer}, which lists them in order. Phase 3 inside
 * intercepted tunnels lives in the {@code intercept} subpackage.
 */
package dev.agentgate.proxy.pipeline;
