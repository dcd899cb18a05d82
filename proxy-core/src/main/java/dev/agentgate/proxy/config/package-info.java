/**
 * The proxy's runtime configuration: {@link dev.agentgate.proxy.config.ProxyConfig} (records with
 * defaults) read from YAML by {@link dev.agentgate.proxy.config.ConfigLoader}, which rejects
 * unknown keys and bad values with one line naming the key.
 */
package dev.agentgate.proxy.config;
