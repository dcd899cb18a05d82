package dev.agentgate.proxy.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

  /**
   * Why an I/O operation on {@code file} failed, in a few words for a one-line message: the JDK's
   * own messages are the bare path ({@link NoSuchFileException}) or name no file ("Is a
   * directory").
   */
  static String reason(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    if (Files.isDirectory(file)) {
      return "is a directory";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return String.valueOf(e.getMessage());
  }
}
