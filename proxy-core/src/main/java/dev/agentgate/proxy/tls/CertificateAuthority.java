package dev.agentgate.proxy.tls;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The CA that signs minted leaves: its certificate (plus any chain above it from the same PEM file)
 * and private key, checked once when loaded so that minting cannot fail later for a reason the
 * operator could have been told at start-up.
 */
public final class CertificateAuthority {

  private static final int KEY_CERT_SIGN = 5;

  private final List<X509Certificate> chain;
  private final PrivateKey key;
  private final String signatureAlgorithm;
  private final byte[] keyIdentifier;
  private final List<String> warnings;

  private CertificateAuthority(
      List<X509Certificate> chain,
      PrivateKey key,
      String signatureAlgorithm,
      byte[] keyIdentifier,
      List<String> warnings) {
    this.chain = List.copyOf(chain);
    this.key = key;
    this.signatureAlgorithm = signatureAlgorithm;
    this.keyIdentifier = keyIdentifier;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Loads a CA from PEM files, for example a Kubernetes TLS Secret's {@code tls.crt} and {@code
   * tls.key}. The first certificate in {@code certFile} is the CA; any further ones are sent to
   * clients after it (an intermediate's chain).
   */
  public static CertificateAuthority load(Path certFile, Path keyFile, Clock clock)
      throws TlsConfigException {
    List<X509Certificate> chain = PemFiles.readCertificates(certFile, "CA certificate");
    PrivateKey key = PemFiles.readPrivateKey(keyFile, "CA key");
    return of(chain, key, certFile + " / " + keyFile, clock.instant());
  }

  /** Checks and wraps a CA certificate chain and its key; {@code source} names them in errors. */
  static CertificateAuthority of(
      List<X509Certificate> chain, PrivateKey key, String source, Instant now)
      throws TlsConfigException {
    X509Certificate cert = chain.get(0);
    if (cert.getBasicConstraints() < 0) {
      throw new TlsConfigException(
          "CA " + source + ": the certificate is not a CA (basicConstraints CA:TRUE missing)");
    }
    boolean[] usage = cert.getKeyUsage();
    if (usage != null && !usage[KEY_CERT_SIGN]) {
      throw new TlsConfigException(
          "CA "
              + source
              + ": the certificate may not sign certificates (keyUsage lacks keyCertSign)");
    }
    if (now.isAfter(cert.getNotAfter().toInstant())) {
      throw new TlsConfigException(
          "CA " + source + ": the certificate expired on " + cert.getNotAfter().toInstant());
    }
    if (now.isBefore(cert.getNotBefore().toInstant())) {
      throw new TlsConfigException(
          "CA "
              + source
              + ": the certificate is not valid before "
              + cert.getNotBefore().toInstant());
    }
    String algorithm;
    try {
      algorithm = SigningKeys.signatureAlgorithm(key);
    } catch (TlsConfigException e) {
      throw new TlsConfigException("CA " + source + ": " + e.getMessage(), e);
    }
    if (!SigningKeys.matches(key, cert.getPublicKey(), algorithm)) {
      throw new TlsConfigException(
          "CA " + source + ": the private key does not match the certificate's public key");
    }
    List<String> warnings = new ArrayList<>();
    byte[] ski = subjectKeyIdentifier(cert);
    if (ski == null) {
      warnings.add(
          "CA certificate has no Subject Key Identifier; strict verifiers (Python 3.13+) may"
              + " reject minted leaves");
      ski = computedKeyIdentifier(cert);
    }
    return new CertificateAuthority(chain, key, algorithm, ski, warnings);
  }

  /** The CA certificate itself. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The CA certificate followed by the rest of its file: what clients get after a leaf. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** Start-up notes about the CA that do not stop it working (never secret). */
  public List<String> warnings() {
    return warnings;
  }

  /** The CA certificate as PEM, for {@code agentgate ca export}. */
  public String certificatePem() {
    return PemFiles.toPem(List.of(certificate()));
  }

  /** SHA-256 of the DER certificate, colon-separated hex, as {@code openssl x509 -fingerprint}. */
  public String sha256Fingerprint() {
    return fingerprint(certificate());
  }

  PrivateKey signingKey() {
    return key;
  }

  String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** The key identifier leaves carry as their Authority Key Identifier. */
  byte[] keyIdentifier() {
    return keyIdentifier.clone();
  }

  /** SHA-256 of a DER certificate, colon-separated upper-case hex. */
  public static String fingerprint(X509Certificate cert) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint a certificate", e);
    }
  }

  private static byte[] subjectKeyIdentifier(X509Certificate cert) {
    byte[] extension = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    if (extension == null) {
      return null;
    }
    byte[] inner = ASN1OctetString.getInstance(extension).getOctets();
    return SubjectKeyIdentifier.getInstance(inner).getKeyIdentifier();
  }

  private static byte[] computedKeyIdentifier(X509Certificate cert) throws TlsConfigException {
    try {
      return new JcaX509ExtensionUtils()
          .createSubjectKeyIdentifier(cert.getPublicKey())
          .getKeyIdentifier();
    } catch (NoSuchAlgorithmException e) {
      throw new TlsConfigException("no SHA-1 digest for key identifiers: " + e.getMessage(), e);
    }
  }
}
