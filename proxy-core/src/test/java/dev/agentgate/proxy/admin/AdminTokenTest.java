package dev.agentgate.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentgate.proxy.admin.AdminToken.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
  private static final String TOKEN = "3f9c2a7d41e8b6055c1d9e2f7a4b8c63";

  @TempDir Path dir;

  private AdminToken token(String content) throws IOException {
    return AdminToken.load(Files.writeString(dir.resolve("token"), content));
  }

  @Test
  void theRightBearerTokenPasses() throws IOException {
    AdminToken t = token(TOKEN + "\n");
    assertThat(t.check("Bearer " + TOKEN)).isEqualTo(Check.OK);
    assertThat(t.check("bearer  " + TOKEN + " ")).isEqualTo(Check.OK);
  }

  @Test
  void noBearerCredentialsAreMissingAndOthersAreWrong() throws IOException {
    AdminToken t = token(TOKEN);
    assertThat(t.check(null)).isEqualTo(Check.MISSING);
    assertThat(t.check("")).isEqualTo(Check.MISSING);
    assertThat(t.check("Basic " + TOKEN)).isEqualTo(Check.MISSING);
    assertThat(t.check("Bearer " + TOKEN.substring(1))).isEqualTo(Check.WRONG);
    assertThat(t.check("Bearer " + TOKEN + "0")).isEqualTo(Check.WRONG);
    assertThat(t.check("Bearer " + TOKEN.toUpperCase())).isEqualTo(Check.WRONG);
  }

  @Test
  void shortOrSpacedTokensAreRefusedWithoutShowingThem() {
    assertThatThrownBy(() -> token("short"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("at least 16")
        .hasMessageNotContaining("short\"");
    assertThatThrownBy(() -> token("abcdefgh ijklmnopqrst")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> AdminToken.load(dir.resolve("absent")))
        .hasMessageStartingWith("admin.token_file:");
  }

  @Test
  void refreshPicksUpARotatedTokenAndKeepsTheOldOneIfTheFileBreaks() throws IOException {
    AdminToken t = token(TOKEN);
    String next = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d";
    Files.writeString(dir.resolve("token"), next);
    t.refresh();
    assertThat(t.check("Bearer " + next)).isEqualTo(Check.OK);
    assertThat(t.check("Bearer " + TOKEN)).isEqualTo(Check.WRONG);

    Files.delete(dir.resolve("token"));
    t.refresh();
    assertThat(t.check("Bearer " + next)).isEqualTo(Check.OK);
  }
}
