package dev.agentgate.proxy.pipeline;

import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.upstream.DestinationResolver;
import dev.agentgate.proxy.upstream.UpstreamConnector;

/**
 * What every client connection's handlers share: configuration, the policy gate, upstream
 * resolution and connection, interception and admission. Immutable; built once at startup.
 */
public record ProxyServices(
    ProxyConfig config,
    PolicyGate gate,
    DestinationResolver resolver,
    UpstreamConnector connector,
    Interceptor interceptor,
    Admission admission) {}
