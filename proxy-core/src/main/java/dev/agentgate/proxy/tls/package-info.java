/**
 * TLS for interception: the CA ({@link dev.agentgate.proxy.tls.CertificateAuthority}, loaded or
 * created by {@link dev.agentgate.proxy.tls.CaStore}), leaf certificates minted off the event loop
 * and cached ({@link dev.agentgate.proxy.tls.MintedCertificates}, start here), and the always
 * verifying upstream client ({@link dev.agentgate.proxy.tls.UpstreamTls}).
 */
package dev.agentgate.proxy.tls;
