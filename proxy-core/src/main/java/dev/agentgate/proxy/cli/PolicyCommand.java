package dev.agentgate.proxy.cli;

import picocli.CommandLine.Command;

/** {@code agentgate policy ...}: check, sign and push policies. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description =
        "Check, sign and push policies (see the README, section Admin API and hot reload).",
    subcommands = {
      PolicyCheckCommand.class,
      PolicyKeygenCommand.class,
      PolicySignCommand.class,
      PolicyPushCommand.class,
    })
public final class PolicyCommand {}
