package dev.agentgate.proxy.identity;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** Users and credentials for identity tests; cost 4 keeps bcrypt fast in tests. */
final class TestUsers {

  static final int COST = 4;
  static final String ALICE_PASSWORD = "alice-S3cret-pw";
  static final String BOB_PASSWORD = "bob-0ther-pw";

  private TestUsers() {}

  static String hash(String password) {
    return Bcrypt.hash(password.toCharArray(), COST, new SecureRandom());
  }

  /** A users file with alice (platform, devs) and bob (devs). */
  static String file() {
    return "# test users\n"
        + "alice:"
        + hash(ALICE_PASSWORD)
        + ":platform,devs\n"
        + "\n"
        + "bob:"
        + hash(BOB_PASSWORD)
        + ":devs\n";
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
