/**
 * TLS interception (phase 3): start at {@link
 * dev.agentgate.proxy.pipeline.intercept.TlsInterceptor}, which terminates the client's TLS with a
 * minted certificate, then {@link
 * dev.agentgate.proxy.pipeline.intercept.InterceptedRequestHandler}, which decides, redacts and
 * forwards each request over verified TLS; {@link
 * dev.agentgate.proxy.pipeline.intercept.Interception} builds it all from the configuration.
 */
package dev.agentgate.proxy.pipeline.intercept;
