package dev.agentgate.proxy.identity;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One user of the users file.
 *
 * @param name the user name sent in {@code Proxy-Authorization}
 * @param bcryptHash the OpenBSD bcrypt hash ({@code $2y$12$...}) of the password
 * @param groups the user's groups, for policy rules
 */
public record UserRecord(String name, String bcryptHash, Set<String> groups) {

  public UserRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bcryptHash, "bcryptHash");
    // In the order given, so the users file keeps the order the operator wrote.
    groups = Collections.unmodifiableSet(new LinkedHashSet<>(groups));
  }

  /** Never prints the hash: records end up in logs and test failure messages. */
  @Override
  public String toString() {
    return "UserRecord[name=" + name + ", groups=" + groups + "]";
  }
}
