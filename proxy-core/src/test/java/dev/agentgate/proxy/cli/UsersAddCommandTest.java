package dev.agentgate.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.proxy.Main;
import dev.agentgate.proxy.identity.Bcrypt;
import dev.agentgate.proxy.identity.UserRecord;
import dev.agentgate.proxy.identity.UsersFile;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UsersAddCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String stdin, String... args) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          @SuppressWarnings("unchecked")
          public <K> K create(Class<K> cls) throws Exception {
            if (cls == UsersAddCommand.class) {
              return (K)
                  new UsersAddCommand(
                      null, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            }
            return defaults.create(cls);
          }
        };
    CommandLine cli = new CommandLine(new Main(), factory);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void addsAUserWhoseHashVerifiesThePassword() throws Exception {
    Path file = dir.resolve("users.txt");

    int code =
        run(
            "s3cret pass\n",
            "users",
            "add",
            "alice",
            "--group",
            "platform",
            "--group",
            "devs",
            "--file",
            file.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("added user alice in " + file + " (groups: platform,devs)");
    List<UserRecord> users = UsersFile.parse(Files.readString(file), "users.txt");
    assertThat(users).hasSize(1);
    UserRecord alice = users.get(0);
    assertThat(alice.groups()).containsExactlyInAnyOrder("platform", "devs");
    assertThat(Bcrypt.cost(alice.bcryptHash())).isEqualTo(12);
    assertThat(Bcrypt.check(alice.bcryptHash(), "s3cret pass".toCharArray())).isTrue();
    assertThat(Bcrypt.check(alice.bcryptHash(), "s3cret pas".toCharArray())).isFalse();
    assertThat(Files.readString(file)).doesNotContain("s3cret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void replacesAnExistingUserAndKeepsTheRest() throws Exception {
    Path file = dir.resolve("users.txt");
    assertThat(run("one\r\n", "users", "add", "alice", "--group", "a", "--file", file.toString()))
        .isZero();
    assertThat(run("two\n", "users", "add", "bob", "--group", "b", "--file", file.toString()))
        .isZero();
    Files.writeString(file, "# ops note\n" + Files.readString(file));

    assertThat(run("three\n", "users", "add", "alice", "--group", "c", "--file", file.toString()))
        .isZero();

    assertThat(out.toString()).contains("updated user alice");
    String content = Files.readString(file);
    assertThat(content).startsWith("# ops note\n");
    List<UserRecord> users = UsersFile.parse(content, "users.txt");
    assertThat(users).extracting(UserRecord::name).containsExactly("alice", "bob");
    assertThat(users.get(0).groups()).containsExactly("c");
    assertThat(Bcrypt.check(users.get(0).bcryptHash(), "three".toCharArray())).isTrue();
    assertThat(Bcrypt.check(users.get(1).bcryptHash(), "two".toCharArray())).isTrue();
  }

  @Test
  void refusesEmptyAndOverlongPasswordsAndInvalidNames() throws Exception {
    Path file = dir.resolve("users.txt");
    assertThat(run("\n", "users", "add", "alice", "--file", file.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("empty password");
    assertThat(run("x".repeat(73) + "\n", "users", "add", "alice", "--file", file.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("longer than 72 bytes");
    assertThat(run("pw\n", "users", "add", "al:ice", "--file", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("user name al:ice (expected:");
    assertThat(run("pw\n", "users", "add", "alice", "--group", "a b", "--file", file.toString()))
        .isEqualTo(2);
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void leavesAnInvalidUsersFileAlone() throws Exception {
    Path file = dir.resolve("users.txt");
    Files.writeString(file, "broken line\n");
    assertThat(run("pw\n", "users", "add", "alice", "--file", file.toString())).isEqualTo(1);
    assertThat(err.toString()).contains(file + ":1: expected name:bcrypt-hash:group1,group2");
    assertThat(Files.readString(file)).isEqualTo("broken line\n");
  }

  @Test
  void aUsersFileThatCannotBeReadIsAOneLineError() {
    assertThat(run("pw\n", "users", "add", "alice", "--file", dir.toString())).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo("agentgate users add: cannot update " + dir + ": is a directory");
  }
}
