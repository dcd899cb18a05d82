package dev.agentgate.proxy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agentgate users}: manage the users file of proxy authentication. */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Manage the users file (name:bcrypt-hash:groups) of proxy authentication.",
    subcommands = {UsersAddCommand.class})
public final class UsersCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: add");
  }
}
