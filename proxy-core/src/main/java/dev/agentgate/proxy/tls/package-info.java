/**
 * TLS for interception. Start with {@link dev.agentgate.proxy.tls.MintedCertificates} (server
 * contexts per intercepted host, minted off the event loop and cached) and {@link
 * dev.agentgate.proxy.tls.UpstreamTls} (the always-verifying client towards real servers); the CA
 * they rest on is {@link dev.agentgate.proxy.tls.CertificateAuthority}, loaded from PEM files or
 * created by {@link dev.agentgate.proxy.tls.CaStore}; failures are put into words by {@link
 * dev.agentgate.proxy.tls.TlsFailures} (upstream) and {@link
 * dev.agentgate.proxy.tls.ClientTlsFailure} (clients refusing a minted certificate).
 */
package dev.agentgate.proxy.tls;
