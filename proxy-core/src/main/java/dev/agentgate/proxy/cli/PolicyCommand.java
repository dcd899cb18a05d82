package dev.agentgate.proxy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code agentgate policy}: a container for the policy subcommands, each its own class. Without a
 * subcommand it is a usage error (exit 2).
 */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Check, explain, sign and push policies.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      PolicyCheckCommand.class,
      PolicyExplainCommand.class,
      PolicyKeygenCommand.class,
      PolicySignCommand.class,
      PolicyVerifyCommand.class,
      PolicyPushCommand.class
    })
public final class PolicyCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing a subcommand: check, explain, keygen, sign, verify or push");
  }
}
