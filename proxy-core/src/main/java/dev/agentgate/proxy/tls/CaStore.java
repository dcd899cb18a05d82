package dev.agentgate.proxy.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The CA's files in the data directory: {@value #CERT_FILE} (public, mode 0644) and {@value
 * #KEY_FILE} (mode 0600). Files are written to a temporary name and renamed, so a crash never
 * leaves half a key behind.
 */
public final class CaStore {

  public static final String CERT_FILE = "ca.pem";
  public static final String KEY_FILE = "ca-key.pem";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  private CaStore() {}

  /** A CA and whether it was created just now (the caller then tells the operator to trust it). */
  public record Loaded(CertificateAuthority ca, boolean created) {}

  public static Path certFile(Path dir) {
    return dir.resolve(CERT_FILE);
  }

  public static Path keyFile(Path dir) {
    return dir.resolve(KEY_FILE);
  }

  /** Whether either CA file is present in the directory. */
  public static boolean exists(Path dir) {
    return Files.exists(certFile(dir)) || Files.exists(keyFile(dir));
  }

  public static CertificateAuthority load(Path dir, Clock clock) throws TlsConfigException {
    return CertificateAuthority.load(certFile(dir), keyFile(dir), clock);
  }

  /** Loads the CA from the directory, or creates one there on first run. */
  public static Loaded loadOrCreate(Path dir, CaSpec spec, CaGenerator generator, Clock clock)
      throws TlsConfigException {
    if (exists(dir)) {
      return new Loaded(load(dir, clock), false);
    }
    CertificateAuthority ca = generator.create(spec);
    write(ca, dir, false);
    return new Loaded(ca, true);
  }

  /** Writes the CA's key and certificate; an existing CA is replaced only when asked to. */
  public static void write(CertificateAuthority ca, Path dir, boolean replace)
      throws TlsConfigException {
    if (!replace && exists(dir)) {
      throw new TlsConfigException(
          "a CA already exists in "
              + dir
              + " ("
              + CERT_FILE
              + "); --force replaces it, and every client must then trust the new one");
    }
    try {
      createDirectory(dir);
      writeFile(keyFile(dir), PemFiles.toPem(ca.signingKey()), OWNER_ONLY);
      writeFile(certFile(dir), PemFiles.toPem(List.of(ca.certificate())), PUBLIC);
    } catch (AccessDeniedException e) {
      throw new TlsConfigException("cannot write the CA to " + dir + ": permission denied", e);
    } catch (FileAlreadyExistsException e) {
      throw new TlsConfigException(
          "cannot write the CA to " + dir + ": " + e.getFile() + " is in the way", e);
    } catch (IOException e) {
      throw new TlsConfigException("cannot write the CA to " + dir + ": " + PemFiles.oneLine(e), e);
    }
  }

  private static void createDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (posix(dir.toAbsolutePath().getParent())) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
    } else {
      Files.createDirectories(dir);
    }
  }

  private static void writeFile(Path target, String content, Set<PosixFilePermission> mode)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    boolean posix = posix(dir);
    // The temporary file is created with its final mode, so the key is never readable by others.
    FileAttribute<?>[] attributes =
        posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    Path temporary = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attributes);
    try {
      Files.writeString(temporary, content, StandardCharsets.US_ASCII);
      if (posix) {
        Files.setPosixFilePermissions(temporary, mode);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static boolean posix(Path dir) {
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      return existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
    } catch (IOException e) {
      // Cannot tell: assume POSIX, so that a failure is loud rather than a key left readable.
      return true;
    }
  }
}
