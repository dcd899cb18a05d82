package dev.agentgate.proxy.observe.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain: every line carries {@code seq} (0, 1, 2, ...) and {@code prev}, the SHA-256 (hex)
 * of the previous line's exact bytes without its newline; the first line ever has {@link #GENESIS}.
 * Changing, removing or reordering a line breaks the chain at that point.
 */
public final class AuditChain {

  /** The {@code prev} of the first line of a chain. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  private static final HexFormat HEX = HexFormat.of();

  /** SHA-256 of {@code bytes[0, length)} in lower-case hex. */
  public static String hash(byte[] bytes, int length) {
    return hash(sha256(), bytes, length);
  }

  /**
   * SHA-256 of {@code bytes[0, length)} in lower-case hex with a digest the caller reuses (looking
   * one up costs more than hashing a line).
   */
  static String hash(MessageDigest sha256, byte[] bytes, int length) {
    sha256.update(bytes, 0, length);
    return HEX.formatHex(sha256.digest());
  }

  /** SHA-256 of {@code bytes} in lower-case hex. */
  public static String hash(byte[] bytes) {
    return hash(bytes, bytes.length);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
