package dev.agentgate.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

  @Test
  void aCaThatCannotBeLoadedExitsWith2AndOneLine(@TempDir Path dir) throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("agentgate.yaml"),
            "interception:\n  ca_cert: missing.pem\n  ca_key: missing-key.pem\n");

    Process p = start("--config", config.toString());

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(err.strip())
        .startsWith("agentgate: config error: interception: ")
        .contains("missing.pem")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void withTheCaOfCaInitInterceptionIsOnAndWithoutItTheLogSaysSo(@TempDir Path dir)
      throws Exception {
    assertThat(
            dev.agentgate.proxy.Main.commandLine()
                .execute("ca", "init", "--dir", dir.resolve("data").toString()))
        .isZero();
    String listeners = "listeners:\n  proxy: 127.0.0.1:0\n  admin: 127.0.0.1:0\n";
    Path on =
        Files.writeString(dir.resolve("on.yaml"), listeners + "interception:\n  data_dir: data\n");
    Path off =
        Files.writeString(
            dir.resolve("off.yaml"), listeners + "interception:\n  data_dir: nothing-here\n");

    assertThat(startupLog(on)).contains("TLS interception on: CA \"CN=agentgate interception CA");
    assertThat(startupLog(off))
        .contains("TLS interception unavailable: no CA in")
        .contains("agentgate ca init");
  }

  /** What {@code run} logs about interception at start-up; then it is stopped. */
  private static String startupLog(Path config) throws Exception {
    Process p = start("--config", config.toString());
    // Read while it runs: destroying the process closes its streams.
    StringBuffer err = new StringBuffer();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                  err.append(line).append('\n');
                }
              } catch (java.io.IOException e) {
                err.append("(stderr closed)\n");
              }
            });
    reader.start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).startsWith("agentgate: proxy on ");
      await()
          .atMost(java.time.Duration.ofSeconds(30))
          .until(() -> err.indexOf("TLS interception") >= 0);
    } finally {
      p.destroy();
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return err.toString();
  }
}
