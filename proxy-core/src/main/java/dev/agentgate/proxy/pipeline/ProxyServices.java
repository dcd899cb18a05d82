package dev.agentgate.proxy.pipeline;

import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.identity.IdentityResolver;
import dev.agentgate.proxy.observe.audit.AuditSink;
import dev.agentgate.proxy.upstream.DestinationResolver;
import dev.agentgate.proxy.upstream.UpstreamConnector;

/**
 * What every client connection's handlers share: configuration, the policy gate, upstream
 * resolution and connection, interception, admission, client identity and the audit sink (asked
 * whether new connections may be accepted). Immutable; built once at startup.
 */
public record ProxyServices(
    ProxyConfig config,
    PolicyGate gate,
    DestinationResolver resolver,
    UpstreamConnector connector,
    Interceptor interceptor,
    Admission admission,
    IdentityResolver identity,
    AuditSink audit) {}
