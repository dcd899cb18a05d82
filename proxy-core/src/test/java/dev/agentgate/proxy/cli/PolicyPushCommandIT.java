package dev.agentgate.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.proxy.Main;
import dev.agentgate.proxy.testing.ProxyFixture;
import dev.agentgate.proxy.testing.ReloadingProxy;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.testing.TestUpstream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code agentgate policy push} against a running proxy: exit 0 applied, 1 rejected, 2 other. */
class PolicyPushCommandIT {
  @TempDir Path dir;
  private TestUpstream upstream;
  private ReloadingProxy proxy;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    upstream = new TestUpstream(TestCa.create(ProxyFixture.TLS_HOST));
    proxy =
        ReloadingProxy.start(
            upstream,
            Files.createDirectory(dir.resolve("proxy")),
            "version: start\ndefault: allow\nrules: []\n");
  }

  @AfterEach
  void stop() {
    proxy.close();
    upstream.close();
  }

  private int push(String admin, Path tokenFile, String... more) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "policy",
                "push",
                dir.resolve("policy.yaml").toString(),
                "--admin",
                admin,
                "--token-file",
                tokenFile.toString()));
    args.addAll(java.util.List.of(more));
    return cli.execute(args.toArray(new String[0]));
  }

  private String admin() {
    return proxy.adminUri("").toString();
  }

  private Path token() throws Exception {
    return Files.writeString(dir.resolve("token"), proxy.token + "\n");
  }

  @Test
  void aValidPolicyIsAppliedAndExits0() throws Exception {
    Files.writeString(dir.resolve("policy.yaml"), "version: pushed-1\ndefault: allow\nrules: []\n");

    assertThat(push(admin(), token())).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("applied: version pushed-1, 0 rules, hash ");
    assertThat(proxy.runtime().store().live().version()).isEqualTo("pushed-1");
  }

  @Test
  void dryRunValidatesOnly() throws Exception {
    Files.writeString(dir.resolve("policy.yaml"), "version: pushed-1\ndefault: allow\nrules: []\n");
    assertThat(push(admin(), token(), "--dry-run")).isZero();
    assertThat(out.toString()).startsWith("valid: version pushed-1");
    assertThat(proxy.runtime().store().live().version()).isEqualTo("start");
  }

  @Test
  void anInvalidPolicyExits1WithItsErrorsAtTheirPositions() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("policy.yaml"),
            "version: v\ndefault: allow\nrules:\n  - id: p\n    match: {port: https}\n    action: allow\n");

    assertThat(push(admin(), token())).isEqualTo(1);
    assertThat(err.toString()).contains(file + ":5:19: match.port: \"https\"");
    assertThat(proxy.runtime().store().live().version()).isEqualTo("start");
  }

  @Test
  void aWrongTokenExits2() throws Exception {
    Files.writeString(dir.resolve("policy.yaml"), "version: pushed-1\ndefault: allow\nrules: []\n");
    Path wrong = Files.writeString(dir.resolve("wrong"), "0123456789abcdef0123456789abcdef");

    assertThat(push(admin(), wrong)).isEqualTo(2);
    assertThat(err.toString()).contains("refused the token").contains("403");
    assertThat(err.toString()).doesNotContain("0123456789abcdef");
  }

  @Test
  void nobodyListeningExits2WithOneLine() throws Exception {
    Files.writeString(dir.resolve("policy.yaml"), "version: pushed-1\ndefault: allow\nrules: []\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThat(push("http://127.0.0.1:" + port, token())).isEqualTo(2);
    assertThat(err.toString().strip())
        .startsWith("agentgate: cannot connect to")
        .doesNotContain("\n");
  }
}
