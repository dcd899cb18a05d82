/**
 * Netty-free TLS ClientHello parsing and the JA3 / JA4 fingerprints; start at {@link
 * dev.agentgate.proxy.fingerprint.ClientHelloParser}, then {@link
 * dev.agentgate.proxy.fingerprint.Ja4}.
 */
package dev.agentgate.proxy.fingerprint;
