package dev.agentgate.proxy.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;

/** Which CA keys agentgate signs with, and with which algorithm. Only the JDK's providers. */
final class SigningKeys {

  private static final int MIN_RSA_BITS = 2048;

  private SigningKeys() {}

  /**
   * The JCA signature algorithm for a CA key: ECDSA on P-256/P-384/P-521 with the matching hash, or
   * RSA of at least 2048 bits with SHA-256. Anything else is refused with the reason.
   */
  static String signatureAlgorithm(PrivateKey key) throws TlsConfigException {
    if (key instanceof ECPrivateKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return switch (bits) {
        case 256 -> "SHA256withECDSA";
        case 384 -> "SHA384withECDSA";
        case 521 -> "SHA512withECDSA";
        default -> throw new TlsConfigException("unsupported EC curve of " + bits + " bits");
      };
    }
    if (key instanceof RSAPrivateKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < MIN_RSA_BITS) {
        throw new TlsConfigException(
            "RSA key of " + bits + " bits is too weak (at least " + MIN_RSA_BITS + ")");
      }
      return "SHA256withRSA";
    }
    throw new TlsConfigException(
        "unsupported key type " + key.getAlgorithm() + " (expected EC P-256/384/521 or RSA)");
  }

  /** Whether the private key belongs to the public key: a signature made by one checks out. */
  static boolean matches(PrivateKey key, PublicKey publicKey, String algorithm) {
    byte[] probe = "agentgate key pair check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A key of another type or curve than the certificate's: not a match.
      return false;
    }
  }
}
