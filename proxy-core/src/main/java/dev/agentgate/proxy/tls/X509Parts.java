package dev.agentgate.proxy.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Pieces shared by the CA generator and the leaf minter. Keys and signatures come from the JDK's
 * default providers (SunEC); BouncyCastle only assembles the ASN.1.
 */
final class X509Parts {

  private static final int SERIAL_BITS = 128;

  private X509Parts() {}

  /** A random positive 128-bit serial number (RFC 5280: positive, at most 20 octets). */
  static BigInteger randomSerial(SecureRandom random) {
    BigInteger serial;
    do {
      serial = new BigInteger(SERIAL_BITS, random);
    } while (serial.signum() == 0);
    return serial;
  }

  /** A fresh ECDSA P-256 key pair. */
  static KeyPair newP256KeyPair(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no EC P-256 key generator", e);
    }
  }

  /** Signs the certificate with the issuer's key and converts it to a JDK certificate. */
  static X509Certificate sign(
      X509v3CertificateBuilder builder, PrivateKey issuerKey, String algorithm) {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(issuerKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate with " + algorithm, e);
    }
  }
}
