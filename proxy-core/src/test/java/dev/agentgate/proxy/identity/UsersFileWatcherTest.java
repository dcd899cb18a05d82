package dev.agentgate.proxy.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileWatcherTest {

  @TempDir Path dir;

  @Test
  void pollingPicksUpAChangedFileIncludingARenameOnSave() throws Exception {
    Path file = dir.resolve("users.txt");
    Files.writeString(file, TestUsers.file());
    try (UsersFileWatcher watcher =
        UsersFileWatcher.start(file, Duration.ofMillis(20), new SecureRandom())) {
      assertThat(watcher.current().find("carol")).isNull();

      Path tmp = dir.resolve("users.txt.swp");
      Files.writeString(tmp, TestUsers.file() + "carol:" + TestUsers.hash("c") + ":qa\n");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

      await().atMost(Duration.ofSeconds(10)).until(() -> watcher.current().find("carol") != null);
      assertThat(watcher.current().find("carol").groups()).containsExactly("qa");
      assertThat(watcher.current().size()).isEqualTo(3);
      assertThat(watcher.reloadCount()).isEqualTo(1);
    }
  }

  @Test
  void anInvalidFileIsRejectedAndTheLastGoodOneStays() throws Exception {
    Path file = dir.resolve("users.txt");
    Files.writeString(file, TestUsers.file());
    try (UsersFileWatcher watcher =
        UsersFileWatcher.start(file, Duration.ZERO, new SecureRandom())) {
      UserDirectory good = watcher.current();
      Files.writeString(file, "alice:oops:devs\n");

      assertThatThrownBy(watcher::reloadNow).hasMessageContaining("users.txt:1:");
      assertThat(watcher.current()).isSameAs(good);
      assertThat(watcher.reloadNow()).isFalse(); // the same broken content is not parsed again

      Files.writeString(file, "bob:" + TestUsers.hash("b") + ":devs\n");
      assertThat(watcher.reloadNow()).isTrue();
      assertThat(watcher.current().find("alice")).isNull();
      assertThat(watcher.reloadNow()).isFalse(); // unchanged content
    }
  }

  @Test
  void aMissingFileAtStartSaysHowToCreateIt() {
    Path file = dir.resolve("nope.txt");
    assertThatThrownBy(() -> UsersFileWatcher.start(file, Duration.ZERO, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not found (create it with: agentgate users add");
  }

  @Test
  void theDummyHashHasTheUsersCost() throws Exception {
    Path file = dir.resolve("users.txt");
    Files.writeString(file, TestUsers.file());
    try (UsersFileWatcher watcher =
        UsersFileWatcher.start(file, Duration.ZERO, new SecureRandom())) {
      assertThat(Bcrypt.cost(watcher.current().dummyHash())).isEqualTo(TestUsers.COST);
    }
  }
}
