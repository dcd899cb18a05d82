package dev.agentgate.proxy;

import dev.agentgate.proxy.cli.AgentsCommand;
import dev.agentgate.proxy.cli.AuditCommand;
import dev.agentgate.proxy.cli.CaCommand;
import dev.agentgate.proxy.cli.FingerprintCommand;
import dev.agentgate.proxy.cli.PolicyCommand;
import dev.agentgate.proxy.cli.RunCommand;
import dev.agentgate.proxy.cli.UsersCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code agentgate} command: each subcommand is its own class in {@code proxy.cli}. */
@Command(
    name = "agentgate",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Egress proxy that identifies AI coding agents and enforces a trust policy.",
    subcommands = {
      CommandLine.HelpCommand.class,
      AgentsCommand.class,
      CaCommand.class,
      FingerprintCommand.class,
      PolicyCommand.class,
      RunCommand.class,
      UsersCommand.class,
      AuditCommand.class,
    })
public final class Main {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests execute it in-process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    // Usage errors exit 2 (policy authors' CI scripts tell them from "policy invalid", which is 1).
    cli.setExitCodeExceptionMapper(e -> 2);
    return cli;
  }
}
