package dev.agentgate.proxy.identity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users file format: one user a line, {@code name:bcrypt-hash:group1,group2}; blank lines and
 * lines starting with {@code #} are ignored. A bcrypt hash never contains a colon, so the line
 * splits unambiguously. Error messages name the file and line, never the hash.
 */
public final class UsersFile {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private UsersFile() {}

  /** True when {@code name} may be a user name (no colon, no spaces, at most 128 characters). */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** True when {@code group} may be a group name. */
  public static boolean isValidGroup(String group) {
    return group != null && GROUP.matcher(group).matches();
  }

  /**
   * Parses the whole file; any invalid line rejects it (the caller keeps the last good one).
   *
   * @param source the file name for error messages
   * @throws IllegalArgumentException {@code source:line: what is wrong (expected: ...)}
   */
  public static List<UserRecord> parse(String content, String source) {
    List<UserRecord> users = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String[] lines = content.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripCr(lines[i]).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + ":" + (i + 1) + ": ";
      String[] parts = line.split(":", -1);
      if (parts.length != 3) {
        throw new IllegalArgumentException(
            where + "expected name:bcrypt-hash:group1,group2 (" + parts.length + " fields)");
      }
      String name = parts[0].strip();
      if (!isValidName(name)) {
        throw new IllegalArgumentException(
            where + "user name " + name + " (expected: letters, digits, '.', '_', '@', '+', '-')");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException(where + "user " + name + " is listed twice");
      }
      String hash = parts[1].strip();
      if (!Bcrypt.isValidHash(hash)) {
        throw new IllegalArgumentException(
            where + "user " + name + ": password hash is not a bcrypt hash (expected: $2y$12$...)");
      }
      users.add(new UserRecord(name, hash, parseGroups(parts[2], where)));
    }
    return users;
  }

  private static Set<String> parseGroups(String text, String where) {
    Set<String> groups = new LinkedHashSet<>();
    for (String raw : text.split(",", -1)) {
      String group = raw.strip();
      if (group.isEmpty()) {
        continue;
      }
      if (!isValidGroup(group)) {
        throw new IllegalArgumentException(
            where + "group " + group + " (expected: letters, digits, '.', '_', '-')");
      }
      groups.add(group);
    }
    return groups;
  }

  /**
   * Returns {@code content} with {@code user}'s line replaced (or appended when new), keeping every
   * other line, comment and blank line as it was.
   */
  public static String upsert(String content, UserRecord user) {
    String newLine = format(user);
    List<String> lines = new ArrayList<>(List.of(content.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    List<String> out = new ArrayList<>(lines.size() + 1);
    boolean replaced = false;
    for (String raw : lines) {
      String line = stripCr(raw).strip();
      boolean isUser = !line.isEmpty() && !line.startsWith("#");
      if (isUser && line.split(":", 2)[0].strip().equals(user.name())) {
        if (!replaced) {
          out.add(newLine);
          replaced = true;
        }
        continue; // a duplicate of the user (the parser rejects those) is dropped
      }
      out.add(raw);
    }
    if (!replaced) {
      out.add(newLine);
    }
    return String.join("\n", out) + "\n";
  }

  /** The header written at the top of a new users file. */
  public static String header() {
    return "# agentgate users: name:bcrypt-hash:group1,group2 (edit with `agentgate users add`)\n";
  }

  /** One line of the file. */
  public static String format(UserRecord user) {
    return user.name() + ":" + user.bcryptHash() + ":" + String.join(",", user.groups());
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
