package dev.agentgate.proxy.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Creates a self-signed ECDSA P-256 CA shaped for strict verifiers: basicConstraints CA:TRUE with
 * pathLen 0 (it signs leaves only), keyUsage keyCertSign and cRLSign (both critical), and Subject
 * and Authority Key Identifiers.
 */
public final class CaGenerator {

  /** Backdating covers clients whose clocks run a little behind. */
  private static final Duration BACKDATE = Duration.ofHours(1);

  private final Clock clock;
  private final SecureRandom random;

  public CaGenerator(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  public CertificateAuthority create(CaSpec spec) {
    KeyPair keys = X509Parts.newP256KeyPair(random);
    Instant now = clock.instant();
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, spec.name()).build();
    BigInteger serial = X509Parts.randomSerial(random);
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            serial,
            Date.from(now.minus(BACKDATE)),
            Date.from(now.plus(spec.validity())),
            subject,
            keys.getPublic());
    try {
      SubjectKeyIdentifier ski =
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic());
      builder
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, ski)
          .addExtension(
              Extension.authorityKeyIdentifier,
              false,
              new AuthorityKeyIdentifier(ski.getKeyIdentifier()));
    } catch (CertIOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot build CA extensions", e);
    }
    X509Certificate cert = X509Parts.sign(builder, keys.getPrivate(), "SHA256withECDSA");
    try {
      return CertificateAuthority.of(List.of(cert), keys.getPrivate(), "(new)", now);
    } catch (TlsConfigException e) {
      throw new IllegalStateException("a freshly generated CA failed its own checks", e);
    }
  }
}
