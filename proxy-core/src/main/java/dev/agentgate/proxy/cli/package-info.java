/** One class per {@code agentgate} subcommand; {@code Main} lists them. */
package dev.agentgate.proxy.cli;
