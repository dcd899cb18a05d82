package dev.agentgate.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.proxy.identity.ClientIdentity;
import dev.agentgate.proxy.identity.IdentityConfig;
import dev.agentgate.proxy.identity.IdentityMode;
import dev.agentgate.proxy.identity.IdentityResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command, run as a real process: users add, then the proxy's resolver uses it. */
class CommandLineIT {

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run agentgate(String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(Path.of("target", "agentgate.jar").toAbsolutePath().toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("agentgate " + String.join(" ", args) + " did not finish");
    }
    return new Run(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void usersAddFromStdinThenTheResolverAcceptsThatPasswordOnly() throws Exception {
    Path file = dir.resolve("users.txt");
    Run run =
        agentgate(
            "correct horse\n",
            "users",
            "add",
            "alice",
            "--group",
            "platform",
            "--file",
            file.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("added user alice");

    IdentityConfig config =
        new IdentityConfig(IdentityMode.REQUIRED, file, null, false, null, 0, 1, null);
    try (IdentityResolver resolver = IdentityResolver.start(config)) {
      InetAddress client = InetAddress.getLoopbackAddress();
      ClientIdentity good = resolver.resolve(client, basic("alice", "correct horse")).get();
      assertThat(good.user()).isEqualTo("alice");
      assertThat(good.groups()).containsExactly("platform");
      assertThat(resolver.resolve(client, basic("alice", "correct")).get().allowed()).isFalse();
    }
  }

  @Test
  void auditVerifyExitCodes() throws Exception {
    Path file = dir.resolve("audit.log");
    String genesis = "0".repeat(64);
    Files.writeString(file, "{\"seq\":0,\"prev\":\"" + genesis + "\"}\n");
    Run ok = agentgate("", "audit", "verify", file.toString());
    assertThat(ok.code()).isZero();
    assertThat(ok.out()).startsWith("OK 1 events");

    Files.writeString(file, "{\"seq\":0,\"prev\":\"" + genesis + "\"}\ngarbage\n");
    Run broken = agentgate("", "audit", "verify", file.toString());
    assertThat(broken.code()).isEqualTo(1);
    assertThat(broken.out()).startsWith(file + ":2: not a JSON object");
    assertThat(broken.err()).isEmpty();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
