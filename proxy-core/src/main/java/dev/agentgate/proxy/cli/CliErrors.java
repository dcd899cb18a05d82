package dev.agentgate.proxy.cli;

import picocli.CommandLine.Model.CommandSpec;

/** How a subcommand reports a failure: one line on stderr naming the command, exit code 1. */
final class CliErrors {

  static final int FAILED = 1;

  private CliErrors() {}

  static int fail(CommandSpec spec, String message) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
    spec.commandLine().getErr().flush();
    return FAILED;
  }
}
