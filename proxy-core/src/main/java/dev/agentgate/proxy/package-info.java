/** Entry point: {@link dev.agentgate.proxy.Main} and the command line in {@code proxy.cli}. */
package dev.agentgate.proxy;
