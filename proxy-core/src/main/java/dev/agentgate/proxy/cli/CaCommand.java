package dev.agentgate.proxy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code agentgate ca}: the interception CA (create it, export it for clients to trust). */
@Command(
    name = "ca",
    mixinStandardHelpOptions = true,
    description = "Manage the CA that signs certificates for intercepted hosts.",
    subcommands = {CaInitCommand.class, CaExportCommand.class})
public final class CaCommand implements Runnable {

  /** Where the CA lives unless --dir says otherwise (relative to the working directory). */
  static final String DEFAULT_DATA_DIR = "data";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: init or export");
  }
}
