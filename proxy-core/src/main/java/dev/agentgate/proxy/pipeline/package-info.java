/**
 * The client connection's pipeline, one handler per phase; start reading at {@link
 * dev.agentgate.proxy.pipeline.ClientChannelInitializer}, which lists them in order.
 */
package dev.agentgate.proxy.pipeline;
