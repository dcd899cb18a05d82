package dev.agentgate.proxy.tls;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Runs a real command-line client (python3, node, openssl, curl) for integration tests. */
final class ExternalTool {

  private static final long TIMEOUT_SECONDS = 30;

  /** What a finished command printed (stdout and stderr together) and its exit code. */
  record Result(int exitCode, String output) {}

  private ExternalTool() {}

  /** Skips the calling test unless the tool is on the PATH. */
  static void assumeInstalled(String tool) {
    assumeTrue(onPath(tool), tool + " is not installed");
  }

  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  static Result run(String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(List.of(command));
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // The tests talk to loopback servers directly; a proxy in the environment must not interfere.
    for (String variable : new ArrayList<>(builder.environment().keySet())) {
      if (variable.toLowerCase(Locale.ROOT).endsWith("_proxy")) {
        builder.environment().remove(variable);
      }
    }
    Process process = builder.start();
    byte[] output;
    try (var in = process.getInputStream()) {
      output = in.readAllBytes();
    }
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command[0] + " did not finish in " + TIMEOUT_SECONDS + "s");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
