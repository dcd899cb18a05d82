package dev.agentgate.policy.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys and detached signatures with the JDK's own provider (no provider registration). Keys
 * are PEM as OpenSSL writes them: {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) and {@code
 * PRIVATE KEY} (PKCS#8). A signature is the 64-byte Ed25519 signature of the exact file bytes,
 * base64 on one line, the same as {@code openssl pkeyutl -sign -rawin -inkey K -in F | base64 -w0}.
 */
public final class Ed25519Keys {
  static final String ALGORITHM = "Ed25519";
  static final int SIGNATURE_BYTES = 64;

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  private Ed25519Keys() {}

  /** A new key pair from the platform's strong random source. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Java 15+ always has Ed25519", e);
    }
  }

  public static String publicPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  public static String privatePem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  /**
   * Every {@code PUBLIC KEY} block in {@code pemText} (a key file may hold several, for rotation).
   *
   * @throws IllegalArgumentException naming what is wrong, when there is no key or one is not an
   *     Ed25519 public key
   */
  public static List<PublicKey> readPublicKeys(String pemText) {
    List<PublicKey> keys = new ArrayList<>();
    Matcher m = PEM.matcher(pemText);
    while (m.find()) {
      if (!m.group(1).equals("PUBLIC KEY")) {
        throw new IllegalArgumentException(
            "found a " + m.group(1) + " block (expected: PUBLIC KEY blocks only)");
      }
      try {
        keys.add(
            KeyFactory.getInstance(ALGORITHM)
                .generatePublic(new X509EncodedKeySpec(base64(m.group(2)))));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new IllegalArgumentException("a PUBLIC KEY block is not an Ed25519 public key");
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no PEM PUBLIC KEY block (expected: an Ed25519 key)");
    }
    return List.copyOf(keys);
  }

  /**
   * The one {@code PRIVATE KEY} block in {@code pemText}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static PrivateKey readPrivateKey(String pemText) {
    Matcher m = PEM.matcher(pemText);
    if (!m.find()) {
      throw new IllegalArgumentException("no PEM PRIVATE KEY block (expected: an Ed25519 key)");
    }
    if (!m.group(1).equals("PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "found a " + m.group(1) + " block (expected: an unencrypted PKCS#8 PRIVATE KEY)");
    }
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePrivate(new PKCS8EncodedKeySpec(base64(m.group(2))));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the PRIVATE KEY block is not an Ed25519 private key");
    }
  }

  /** The detached signature of {@code content}: base64 text without a line break. */
  public static String sign(PrivateKey key, byte[] content) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key);
      s.update(content);
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
    }
  }

  /** True when {@code signature} (raw 64 bytes) is {@code key}'s signature of {@code content}. */
  static boolean verify(PublicKey key, byte[] content, byte[] signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(content);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      // A malformed signature or key is a signature that does not verify.
      return false;
    }
  }

  /** A short stable name for a public key: {@code ed25519:} and 16 hex of SHA-256 of its DER. */
  public static String fingerprint(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return "ed25519:" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static byte[] base64(String body) {
    return Base64.getMimeDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
