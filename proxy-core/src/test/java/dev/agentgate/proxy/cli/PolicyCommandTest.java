package dev.agentgate.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.proxy.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PolicyCommandTest {
  static final Path EXAMPLE = Path.of("..", "deploy", "policies", "example-company.yaml");

  @TempDir Path dir;

  /** Runs {@code agentgate args...} in-process, capturing output. */
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void checkAcceptsValidPolicies() throws IOException {
    Path valid = dir.resolve("valid.yaml");
    Files.writeString(valid, "version: \"7\"\ndefault: allow\nrules: []\n");
    Run r = run("policy", "check", EXAMPLE.toString(), valid.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("example-company.yaml: ok (version 2026-06-01.1, ")
        .contains(valid + ": ok (version 7, 0 rules, sha256 ");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void checkListsEveryErrorOfEveryFileAndExitsOne() throws IOException {
    Path a = dir.resolve("a.yaml");
    Files.writeString(
        a,
        "version: 1\ndefault: {action: block}\nrules:\n"
            + "  - id: web\n    match: {port: https}\n    action: allow\n");
    Path b = dir.resolve("b.yaml");
    Files.writeString(b, "version: 1\ndefault: allow\nrules:\n  - {id: x, action: deny}\n");
    Run r = run("policy", "check", a.toString(), b.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            a
                + ":2:19: default.message: missing (expected: a message for the agent and its user"
                + " with action block)")
        .contains(a + ":5:19: match.port: \"https\" (expected: a number 1-65535")
        .contains(b + ":4:21: action: \"deny\" (expected: allow, block or redact)")
        .contains(a + ": 2 errors")
        .contains(b + ": 1 error");
  }

  @Test
  void checkUsageErrorsExitTwo() {
    assertThat(run("policy", "check").exit()).isEqualTo(2);
    assertThat(run("policy").exit()).isEqualTo(2);
    assertThat(run("policy", "check", "--bogus", EXAMPLE.toString()).exit()).isEqualTo(2);
    Run missing = run("policy", "check", dir.resolve("missing.yaml").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo(dir.resolve("missing.yaml") + ": no such file");
    Run directory = run("policy", "check", dir.toString());
    assertThat(directory.exit()).isEqualTo(2);
    assertThat(directory.err()).contains("cannot read").doesNotContain("Exception");
  }

  @Test
  void everySubcommandHasHelp() {
    for (String[] args :
        new String[][] {
          {"policy", "--help"}, {"policy", "check", "--help"}, {"policy", "explain", "--help"}
        }) {
      Run r = run(args);
      assertThat(r.exit()).isZero();
      assertThat(r.out()).startsWith("Usage: agentgate policy");
    }
  }

  @Test
  void explainShowsTheAgentAndTheDecisionAtEachPhase() {
    Run r =
        run(
            "policy",
            "explain",
            EXAMPLE.toString(),
            "--host",
            "api.anthropic.com",
            "--group",
            "engineering",
            "--ja4",
            "t13d1714h1_5b57614c22b0_43ade6aba3df",
            "--ua",
            "claude-cli/2.1.0 (external, cli)",
            "--header",
            "x-app: cli",
            "--method",
            "POST",
            "--path",
            "/v1/messages");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("CONNECT  api.anthropic.com:443 from 127.0.0.1 groups [engineering]")
        .contains("decision: CONTINUE (rule ")
        .contains("TLS  sni api.anthropic.com")
        .contains("tls: ja4 fits runtime family")
        .contains("HTTP  POST /v1/messages (intercepted TLS)")
        .contains("agent:    claude-code (confidence HEADERS, category model-api)")
        .contains("user-agent starts with claude-cli/")
        .contains("decision: REDACT (rule claude-code-engineering)")
        .contains("redactor: model-apis")
        .contains("final: REDACT by rule claude-code-engineering at HTTP");
  }

  @Test
  void explainStopsAtTheFinalPhase() {
    Run r = run("policy", "explain", EXAMPLE.toString(), "--host", "api.qoder.sh", "--user", "kim");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("agent:    qoder (confidence HOST, category model-api)")
        .contains("decision: BLOCK (rule block-unreviewed-foreign-agents)")
        .contains("message:  Qoder, Tongyi Lingma and Trae are not approved at Acme")
        .contains("final: BLOCK by rule block-unreviewed-foreign-agents at CONNECT")
        .doesNotContain("TLS  ");
  }

  @Test
  void explainPlainHttpSkipsTheTlsPhase() {
    Run r =
        run(
            "policy",
            "explain",
            EXAMPLE.toString(),
            "--host",
            "api.openai.com",
            "--plain-http",
            "--path",
            "/v1/chat/completions",
            "--method",
            "POST");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("CONNECT  api.openai.com:80")
        .doesNotContain("TLS  ")
        .contains("HTTP  POST /v1/chat/completions (plain HTTP)")
        .contains("final: ");
  }

  @Test
  void explainRejectsBadInput() throws IOException {
    assertThat(run("policy", "explain", EXAMPLE.toString()).exit()).isEqualTo(2);
    assertThat(
            run("policy", "explain", EXAMPLE.toString(), "--host", "x", "--header", "nocolon")
                .exit())
        .isEqualTo(2);
    for (String[] facts :
        new String[][] {
          {"--host", " "},
          {"--host", "x", "--port", "0"},
          {"--host", "x", "--port", "65536"},
          {"--host", "x", "--client", "localhost"}
        }) {
      String[] args = new String[facts.length + 3];
      args[0] = "policy";
      args[1] = "explain";
      args[2] = EXAMPLE.toString();
      System.arraycopy(facts, 0, args, 3, facts.length);
      Run bad = run(args);
      assertThat(bad.exit()).as(String.join(" ", facts)).isEqualTo(2);
      assertThat(bad.err()).contains("expected: ").doesNotContain("Exception");
      assertThat(bad.out()).isEmpty();
    }
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "version: 1\n");
    Run r = run("policy", "explain", broken.toString(), "--host", "x");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains(broken + ":1:1: default: missing");
  }
}
