package dev.agentgate.proxy.cli;

import dev.agentgate.proxy.observe.audit.AuditFiles;
import dev.agentgate.proxy.observe.audit.AuditVerifier;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentgate audit verify FILE...}: checks the hash chain across a rotated set of audit files
 * and prints the first broken or missing line, or {@code OK <count> events}; exit 1 on failure.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check the hash chain of audit files; print the first broken or missing line, or OK and the"
          + " number of events. Exit 1 when the chain is broken.",
      "Rotated files (audit.log.2 audit.log.1 audit.log) are checked oldest first, in whatever"
          + " order they are given."
    })
public final class AuditVerifyCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audit files.")
  private List<Path> files;

  @Override
  public Integer call() {
    AuditVerifier.Result result;
    try {
      result = AuditVerifier.verify(AuditFiles.chronological(files));
    } catch (AuditVerifier.UnreadableFileException e) {
      return CliErrors.fail(
          spec, "cannot read " + e.file() + ": " + CliErrors.reason(e.file(), e.reason()));
    }
    spec.commandLine().getOut().println(result.message());
    return result.ok() ? 0 : 1;
  }
}
