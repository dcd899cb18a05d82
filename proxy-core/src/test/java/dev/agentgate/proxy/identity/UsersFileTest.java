package dev.agentgate.proxy.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsersFileTest {

  private static final String HASH = TestUsers.hash("pw");

  @Test
  void parsesUsersGroupsCommentsAndBlankLines() {
    List<UserRecord> users =
        UsersFile.parse("# c\n\nalice:" + HASH + ":platform, devs\r\nbob:" + HASH + ":\n", "u");
    assertThat(users).extracting(UserRecord::name).containsExactly("alice", "bob");
    assertThat(users.get(0).groups()).containsExactlyInAnyOrder("platform", "devs");
    assertThat(users.get(1).groups()).isEmpty();
  }

  @Test
  void errorsNameFileAndLineButNeverTheHash() {
    assertThatThrownBy(() -> UsersFile.parse("alice:" + HASH + ":a\nbob:nothash:devs\n", "u.txt"))
        .hasMessageStartingWith("u.txt:2: user bob: password hash is not a bcrypt hash")
        .hasMessageNotContaining(HASH);
    assertThatThrownBy(() -> UsersFile.parse("alice:" + HASH + "\n", "u.txt"))
        .hasMessageStartingWith("u.txt:1: expected name:bcrypt-hash:group1,group2");
    assertThatThrownBy(() -> UsersFile.parse("a b:" + HASH + ":g\n", "u.txt"))
        .hasMessageStartingWith("u.txt:1: user name a b");
    assertThatThrownBy(() -> UsersFile.parse("a:" + HASH + ":g h\n", "u.txt"))
        .hasMessageStartingWith("u.txt:1: group g h");
    assertThatThrownBy(() -> UsersFile.parse("a:" + HASH + ":g\na:" + HASH + ":g\n", "u.txt"))
        .hasMessageStartingWith("u.txt:2: user a is listed twice");
  }

  @Test
  void upsertReplacesTheUsersLineAndKeepsEverythingElse() {
    String before = "# keep me\nalice:" + HASH + ":old\n\nbob:" + HASH + ":devs\n";
    String newHash = TestUsers.hash("new");
    String after = UsersFile.upsert(before, new UserRecord("alice", newHash, Set.of("platform")));
    assertThat(after)
        .isEqualTo("# keep me\nalice:" + newHash + ":platform\n\nbob:" + HASH + ":devs\n");
    String added = UsersFile.upsert(after, new UserRecord("carol", HASH, Set.of()));
    assertThat(added).endsWith("bob:" + HASH + ":devs\ncarol:" + HASH + ":\n");
    assertThat(UsersFile.parse(added, "u")).hasSize(3);
  }

  @Test
  void recordToStringLeavesOutTheHash() {
    assertThat(new UserRecord("alice", HASH, Set.of("a")).toString()).doesNotContain(HASH);
  }
}
