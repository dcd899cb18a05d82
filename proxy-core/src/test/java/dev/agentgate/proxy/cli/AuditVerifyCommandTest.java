package dev.agentgate.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.proxy.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuditVerifyCommandTest {

  private static final String GENESIS = "0".repeat(64);

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void printsOkAndTheCountForAnIntactChain() throws Exception {
    Path file = dir.resolve("audit.log");
    Files.writeString(file, "{\"seq\":0,\"prev\":\"" + GENESIS + "\",\"event\":\"decision\"}\n");
    assertThat(run("audit", "verify", file.toString())).isZero();
    assertThat(out.toString()).startsWith("OK 1 events (seq 0..0, head ");
  }

  @Test
  void printsTheFirstBrokenLineAndExitsOne() throws Exception {
    Path file = dir.resolve("audit.log");
    Files.writeString(
        file,
        "{\"seq\":0,\"prev\":\"" + GENESIS + "\"}\n{\"seq\":2,\"prev\":\"" + GENESIS + "\"}\n");
    assertThat(run("audit", "verify", file.toString())).isEqualTo(1);
    assertThat(out.toString()).startsWith(file + ":2: seq 2, expected 1: 1 event is missing");
  }

  @Test
  void anUnreadableFileIsAOneLineError() {
    assertThat(run("audit", "verify", dir.resolve("nope.log").toString())).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "agentgate audit verify: cannot read " + dir.resolve("nope.log") + ": no such file");
  }

  @Test
  void aDirectoryIsAOneLineErrorNamingIt() {
    assertThat(run("audit", "verify", dir.toString())).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo("agentgate audit verify: cannot read " + dir + ": is a directory");
  }

  @Test
  void noFileIsAUsageError() {
    assertThat(run("audit", "verify")).isEqualTo(2);
  }
}
