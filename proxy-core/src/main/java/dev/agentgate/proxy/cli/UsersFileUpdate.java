package dev.agentgate.proxy.cli;

import dev.agentgate.proxy.identity.UserRecord;
import dev.agentgate.proxy.identity.UsersFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Rewrites the users file with one user added or replaced: written to a temporary file in the same
 * directory and renamed over it, so the proxy's reload never reads a half-written file. A new file
 * is readable by its owner only (it holds password hashes); an existing file keeps its mode.
 */
final class UsersFileUpdate {

  private UsersFileUpdate() {}

  /**
   * @return true when the user existed and was replaced
   * @throws IllegalArgumentException when the existing file is invalid (it is left alone)
   */
  static boolean upsert(Path file, UserRecord user) throws IOException {
    boolean exists = Files.exists(file);
    String before = exists ? Files.readString(file, StandardCharsets.UTF_8) : UsersFile.header();
    boolean replaced =
        UsersFile.parse(before, file.toString()).stream()
            .anyMatch(u -> u.name().equals(user.name()));
    String after = UsersFile.upsert(before, user);
    UsersFile.parse(after, file.toString());
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, ".users-", ".tmp");
    try {
      if (exists && posix()) {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
      } else if (posix()) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      }
      Files.writeString(temp, after, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return replaced;
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
