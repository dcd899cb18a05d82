/** Tests of hot reload, the admin policy API, signed and shadow policies in a running proxy. */
package dev.agentgate.proxy.reload;
