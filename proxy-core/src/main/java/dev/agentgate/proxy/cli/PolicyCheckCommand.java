package dev.agentgate.proxy.cli;

import dev.agentgate.policy.lang.CompiledPolicy;
import dev.agentgate.policy.lang.PolicyCompiler;
import dev.agentgate.policy.lang.PolicyError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentgate policy check FILE...}: validates policies offline, for policy authors' CI. Exit
 * 0 when every file is valid, 1 when any has errors (each listed as {@code file:line:col:
 * message}), 2 on usage errors and unreadable files.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Validate policy files offline. Lists every error as file:line:column: message.",
      "Exit status: 0 valid, 1 errors found, 2 usage error or unreadable file."
    })
public final class PolicyCheckCommand implements Callable<Integer> {
  static final int INVALID = 1;
  static final int USAGE = 2;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy files (YAML).")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean invalid = false;
    boolean unreadable = false;
    for (Path file : files) {
      PolicyCompiler.Result result;
      try {
        result = PolicyFiles.compile(file);
      } catch (PolicyFiles.UnreadableException e) {
        err.println(e.getMessage());
        unreadable = true;
        continue;
      }
      if (result.ok()) {
        CompiledPolicy p = result.policy();
        out.printf(
            "%s: ok (version %s, %d rules, sha256 %s)%n",
            file, p.version(), p.ruleCount(), p.contentHash().substring(0, 12));
      } else {
        result.errors().stream().map(PolicyError::toString).forEach(err::println);
        err.printf(
            "%s: %d error%s%n",
            file, result.errors().size(), result.errors().size() == 1 ? "" : "s");
        invalid = true;
      }
    }
    out.flush();
    err.flush();
    return unreadable ? USAGE : invalid ? INVALID : 0;
  }
}
