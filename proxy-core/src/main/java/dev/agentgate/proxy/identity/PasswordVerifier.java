package dev.agentgate.proxy.identity;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Compares a password with a user's bcrypt hash, or with the directory's dummy hash when the user
 * does not exist, so an unknown user and a wrong password cost the same. Blocking (a few hundred
 * milliseconds at cost 12): call it only on the password executor.
 */
final class PasswordVerifier {

  private final LongAdder userComparisons = new LongAdder();
  private final LongAdder dummyComparisons = new LongAdder();

  /** The outcome of one comparison: the user on success, the hash compared against in any case. */
  record Verified(UserRecord user, String comparedHash) {}

  Verified verify(UserDirectory directory, BasicCredentials credentials) {
    UserRecord user = directory.find(credentials.user());
    String hash = user == null ? directory.dummyHash() : user.bcryptHash();
    char[] password = credentials.password().toCharArray();
    try {
      boolean match = Bcrypt.check(hash, password);
      if (user == null) {
        dummyComparisons.increment();
        return new Verified(null, hash);
      }
      userComparisons.increment();
      return new Verified(match ? user : null, hash);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** Comparisons against a real user's hash. */
  long userComparisons() {
    return userComparisons.sum();
  }

  /** Comparisons against the dummy hash (unknown users). */
  long dummyComparisons() {
    return dummyComparisons.sum();
  }
}
