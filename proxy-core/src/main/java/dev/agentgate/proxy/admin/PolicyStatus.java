package dev.agentgate.proxy.admin;

/** The policy in force, as {@code /readyz} reports it. */
public record PolicyStatus(String version, String contentHash) {}
