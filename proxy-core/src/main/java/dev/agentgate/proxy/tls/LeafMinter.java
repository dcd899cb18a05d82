package dev.agentgate.proxy.tls;

import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Mints the leaf certificate a client sees for an intercepted host: ECDSA P-256, SAN of the host,
 * key identifiers, CA:FALSE, digitalSignature, serverAuth, a random 128-bit serial, a short
 * validity backdated for clock skew. Blocking work (key generation, signing): call it off the event
 * loop, as {@link MintedCertificates} does.
 */
public final class LeafMinter {

  /** CN is an X.520 string of at most 64 characters; longer names are certified by SAN only. */
  private static final int MAX_COMMON_NAME = 64;

  private final CertificateAuthority ca;
  private final LeafSettings settings;
  private final Clock clock;
  private final SecureRandom random;

  public LeafMinter(
      CertificateAuthority ca, LeafSettings settings, Clock clock, SecureRandom random) {
    this.ca = ca;
    this.settings = settings;
    this.clock = clock;
    this.random = random;
  }

  public MintedLeaf mint(LeafName name) {
    Instant now = clock.instant();
    X509Certificate caCert = ca.certificate();
    Instant caNotAfter = caCert.getNotAfter().toInstant();
    if (!now.isBefore(caNotAfter)) {
      throw new IllegalStateException("the interception CA expired on " + caNotAfter);
    }
    // A leaf never outlives its CA: verifiers would reject it once the CA expired.
    Instant notAfter = min(now.plus(settings.validity()), caNotAfter);
    Instant notBefore = max(now.minus(settings.backdate()), caCert.getNotBefore().toInstant());
    KeyPair keys = X509Parts.newP256KeyPair(random);
    boolean withCommonName = name.value().length() <= MAX_COMMON_NAME;
    X500Name subject =
        withCommonName
            ? new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name.value()).build()
            : new X500Name(new RDN[0]);
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            caCert,
            X509Parts.randomSerial(random),
            Date.from(notBefore),
            Date.from(notAfter),
            subject,
            keys.getPublic());
    GeneralName san =
        name.ipLiteral()
            ? new GeneralName(GeneralName.iPAddress, new DEROctetString(name.address()))
            : new GeneralName(GeneralName.dNSName, name.value());
    try {
      builder
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          // RFC 5280 4.2.1.6: with an empty subject the SAN extension must be critical.
          .addExtension(Extension.subjectAlternativeName, !withCommonName, new GeneralNames(san))
          .addExtension(
              Extension.subjectKeyIdentifier,
              false,
              new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()))
          .addExtension(
              Extension.authorityKeyIdentifier,
              false,
              new AuthorityKeyIdentifier(ca.keyIdentifier()));
    } catch (CertIOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot build leaf extensions", e);
    }
    X509Certificate leaf = X509Parts.sign(builder, ca.signingKey(), ca.signatureAlgorithm());
    List<X509Certificate> chain = new ArrayList<>(ca.chain().size() + 1);
    chain.add(leaf);
    chain.addAll(ca.chain());
    return new MintedLeaf(name, keys.getPrivate(), chain, now);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
