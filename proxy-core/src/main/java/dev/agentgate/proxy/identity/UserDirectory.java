package dev.agentgate.proxy.identity;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the users file, plus the dummy hash that unknown users are checked
 * against so that an unknown user costs the same bcrypt work as a wrong password.
 */
public final class UserDirectory {

  private final Map<String, UserRecord> users;
  private final String dummyHash;
  private final String contentHash;

  private UserDirectory(Map<String, UserRecord> users, String dummyHash, String contentHash) {
    this.users = Map.copyOf(users);
    this.dummyHash = dummyHash;
    this.contentHash = contentHash;
  }

  /**
   * A snapshot of {@code users}. The dummy hash has the highest cost found in the file (or {@link
   * Bcrypt#DEFAULT_COST}); {@code previous}'s dummy is reused when its cost is the same, so a
   * reload does not pay for a new one.
   */
  public static UserDirectory of(
      List<UserRecord> users, String contentHash, UserDirectory previous, SecureRandom random) {
    Map<String, UserRecord> byName = new HashMap<>();
    int cost = 0;
    for (UserRecord user : users) {
      byName.put(user.name(), user);
      cost = Math.max(cost, Bcrypt.cost(user.bcryptHash()));
    }
    if (cost == 0) {
      cost = Bcrypt.DEFAULT_COST;
    }
    String dummy;
    if (previous != null && Bcrypt.cost(previous.dummyHash) == cost) {
      dummy = previous.dummyHash;
    } else {
      char[] unguessable = new char[32];
      for (int i = 0; i < unguessable.length; i++) {
        unguessable[i] = (char) ('!' + random.nextInt(94));
      }
      dummy = Bcrypt.hash(unguessable, cost, random);
    }
    return new UserDirectory(byName, dummy, contentHash);
  }

  /** The user called {@code name}, or {@code null}. */
  public UserRecord find(String name) {
    return users.get(name);
  }

  /** The hash to compare against when the user does not exist. */
  public String dummyHash() {
    return dummyHash;
  }

  /** The SHA-256 of the file content this snapshot was built from (hex). */
  public String contentHash() {
    return contentHash;
  }

  /** How many users the file lists. */
  public int size() {
    return users.size();
  }
}
