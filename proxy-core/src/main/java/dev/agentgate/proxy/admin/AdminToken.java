package dev.agentgate.proxy.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token of the admin policy API, read from a file (a Kubernetes Secret, a file only the
 * service user can read). Only its SHA-256 is kept, and a presented token is hashed and compared
 * with {@link MessageDigest#isEqual}, so the comparison takes the same time whatever the token's
 * content or length. {@link #refresh} re-reads the file (on the policy thread), so a rotated Secret
 * takes effect without a restart. The token itself is never logged.
 */
public final class AdminToken {
  private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

  /** Shorter tokens are refused: the token is the only thing guarding policy changes. */
  static final int MIN_LENGTH = 16;

  private final Path file;
  // Written by the policy thread on rotation, read by admin event loops: one immutable array.
  private volatile byte[] digest;
  private String lastProblem;

  private AdminToken(Path file, byte[] digest) {
    this.file = file;
    this.digest = digest;
  }

  /** What a request's {@code Authorization} header amounts to. */
  public enum Check {
    OK,
    /** No {@code Authorization: Bearer} credentials: 401. */
    MISSING,
    /** A bearer token that is not the configured one: 403. */
    WRONG
  }

  /**
   * Reads {@code file}.
   *
   * @throws IOException with a one-line message when it cannot be read or holds no usable token
   */
  public static AdminToken load(Path file) throws IOException {
    return new AdminToken(file, read(file));
  }

  /** Re-reads the file; on failure the current token stays (and the problem is logged once). */
  public void refresh() {
    try {
      digest = read(file);
      lastProblem = null;
    } catch (IOException e) {
      if (!e.getMessage().equals(lastProblem)) {
        log.warn("admin token not reloaded, the previous one stays: {}", e.getMessage());
        lastProblem = e.getMessage();
      }
    }
  }

  /** Checks an {@code Authorization} header value ({@code null} when absent). */
  public Check check(String authorization) {
    if (authorization == null) {
      return Check.MISSING;
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
      return Check.MISSING;
    }
    byte[] presented = sha256(value.substring(space + 1).strip().getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(digest, presented) ? Check.OK : Check.WRONG;
  }

  private static byte[] read(Path file) throws IOException {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IOException("admin.token_file: " + file + ": cannot read (" + e + ")", e);
    }
    if (token.length() < MIN_LENGTH || token.chars().anyMatch(Character::isWhitespace)) {
      throw new IOException(
          "admin.token_file: "
              + file
              + ": expected one token of at least "
              + MIN_LENGTH
              + " characters without spaces (e.g. openssl rand -hex 32)");
    }
    return sha256(token.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
