package dev.agentgate.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentgate run} refuses to become an open proxy by accident. */
class OpenProxyGuardIT {

  private static Process run(Path config) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd =
        new ArrayList<>(
            List.of(java, "-jar", "target/agentgate.jar", "run", "--config", config.toString()));
    return new ProcessBuilder(cmd).start();
  }

  private static String failure(Process p) throws Exception {
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  @Test
  void aNonLoopbackListenerWithoutIdentityRefusesToStart(@TempDir Path dir) throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("agentgate.yaml"), "listeners:\n  proxy: 0.0.0.0:0\n  admin: off\n");

    String err = failure(run(config));

    assertThat(err)
        .startsWith("agentgate: refusing to listen on 0.0.0.0: no identity is configured")
        .contains("identity.allow_open_proxy: true")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void aMissingUsersFileIsAOneLineConfigError(@TempDir Path dir) throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("agentgate.yaml"),
            "listeners:\n  proxy: 0.0.0.0:0\n  admin: off\n"
                + "identity:\n  mode: required\n  users_file: users.txt\n");

    String err = failure(run(config));

    assertThat(err)
        .startsWith("agentgate: config error: identity.users_file: users file ")
        .contains("not found (create it with: agentgate users add")
        .doesNotContain("\n");
  }
}
