/**
 * Who the client is: proxy authentication against a users file, source network to group mapping,
 * and the open-proxy guard; start with {@link dev.agentgate.proxy.identity.IdentityResolver}.
 */
package dev.agentgate.proxy.identity;
