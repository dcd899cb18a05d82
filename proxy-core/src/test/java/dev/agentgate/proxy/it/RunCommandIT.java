package dev.agentgate.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentgate run} as a real process: config errors, startup, SIGTERM. */
class RunCommandIT {
  private static final Pattern ADMIN = Pattern.compile("admin on /127\\.0\\.0\\.1:(\\d+)");

  private static Process start(String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd =
        new java.util.ArrayList<>(List.of(java, "-jar", "target/agentgate.jar", "run"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).start();
  }

  @Test
  void aBadConfigExitsWith2AndOneLineNamingTheKey(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("agentgate.yaml"), "timeouts:\n  idle: forever\n");

    Process p = start("--config", config.toString());

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(err.strip())
        .startsWith("agentgate: config error: agentgate.yaml: timeouts.idle: bad value 'forever'")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void anInvalidPolicyFileExitsWith1AndItsErrors(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("policy.yaml"), "version: p1\ndefault: maybe\n");
    Path config =
        Files.writeString(dir.resolve("agentgate.yaml"), "policy:\n  file: policy.yaml\n");

    Process p = start("--config", config.toString());

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(err)
        .startsWith("agentgate: policy error: " + dir.resolve("policy.yaml") + ":2:")
        .contains("default");
  }

  @Test
  void startsWithAPolicyFileServesAdminAndStopsOnSigterm(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("policy.yaml"), "version: run-it-1\ndefault: allow\n");
    Path config =
        Files.writeString(
            dir.resolve("agentgate.yaml"),
            "listeners:\n  proxy: 127.0.0.1:0\n  admin: 127.0.0.1:0\n"
                + "policy:\n  file: policy.yaml\ntimeouts:\n  drain: 5s\n");
    Process p = start("--config", config.toString());
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).startsWith("agentgate: proxy on ");
      Matcher m = ADMIN.matcher(line);
      assertThat(m.find()).isTrue();

      String ready =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/readyz"))
                      .build(),
                  BodyHandlers.ofString())
              .body();
      assertThat(ready).contains("\"status\":\"ready\"", "\"version\":\"run-it-1\"");
    } finally {
      p.destroy(); // SIGTERM
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }
}
