package dev.agentgate.proxy.fingerprint;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Fresh digest instances (MessageDigest is not thread-safe, so none is shared). */
final class Digests {
  private Digests() {}

  static MessageDigest sha256() {
    return get("SHA-256");
  }

  static MessageDigest md5() {
    return get("MD5");
  }

  private static MessageDigest get(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 and MD5 (MessageDigest javadoc).
      throw new IllegalStateException(algorithm + " missing from this Java runtime", e);
    }
  }
}
