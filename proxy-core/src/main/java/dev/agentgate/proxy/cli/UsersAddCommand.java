package dev.agentgate.proxy.cli;

import dev.agentgate.proxy.identity.Bcrypt;
import dev.agentgate.proxy.identity.UserRecord;
import dev.agentgate.proxy.identity.UsersFile;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentgate users add NAME --group G}: writes the user's bcrypt hash (cost 12) and groups
 * into the users file, replacing an existing entry. The password is prompted for without echo (and
 * asked twice) on a terminal, or read as the first line of standard input otherwise.
 */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Add a user to the users file, or replace its password and groups.",
      "The password is prompted for (no echo) on a terminal, else read from the first line of"
          + " standard input."
    })
public final class UsersAddCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The user name.")
  private String name;

  @Option(
      names = "--group",
      paramLabel = "GROUP",
      description = "A group of the user (repeat for several).")
  private List<String> groups = List.of();

  @Option(
      names = "--file",
      paramLabel = "FILE",
      defaultValue = "users.txt",
      description = "The users file (default: ${DEFAULT-VALUE}); created when missing.")
  private Path file;

  private final PasswordInput input;

  /** Reads the password from the console, or from standard input when there is none. */
  public UsersAddCommand() {
    this(System.console(), System.in);
  }

  /** For tests: a console (or {@code null}) and the standard input to use. */
  UsersAddCommand(Console console, InputStream stdin) {
    this.input = new PasswordInput(console, stdin);
  }

  @Override
  public Integer call() {
    if (!UsersFile.isValidName(name)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "user name " + name + " (expected: letters, digits, '.', '_', '@', '+', '-')");
    }
    for (String group : groups) {
      if (!UsersFile.isValidGroup(group)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "group " + group + " (expected: letters, digits, '.', '_', '-')");
      }
    }
    char[] password;
    try {
      password = input.read(name);
    } catch (IllegalArgumentException e) {
      return CliErrors.fail(spec, e.getMessage());
    } catch (IOException e) {
      return CliErrors.fail(spec, "cannot read the password: " + e.getMessage());
    }
    try {
      String problem = PasswordInput.problem(password);
      if (problem != null) {
        return CliErrors.fail(spec, problem);
      }
      String hash = Bcrypt.hash(password, Bcrypt.DEFAULT_COST, new SecureRandom());
      UserRecord user = new UserRecord(name, hash, new LinkedHashSet<>(groups));
      boolean replaced = UsersFileUpdate.upsert(file, user);
      spec.commandLine()
          .getOut()
          .printf(
              "%s user %s in %s (groups: %s)%n",
              replaced ? "updated" : "added",
              name,
              file,
              groups.isEmpty() ? "none" : String.join(",", groups));
      return 0;
    } catch (IllegalArgumentException e) {
      return CliErrors.fail(spec, e.getMessage());
    } catch (IOException e) {
      return CliErrors.fail(spec, "cannot update " + file + ": " + CliErrors.reason(file, e));
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
