package dev.agentgate.proxy.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * A negative control: a leaf like the minted ones but without Authority and Subject Key
 * Identifiers, which strict verifiers reject. It proves the strict checks in the tests are on.
 */
final class WeakLeaf {

  private WeakLeaf() {}

  static MintedLeaf withoutKeyIdentifiers(CertificateAuthority ca, String host) throws Exception {
    KeyPair keys = X509Parts.newP256KeyPair(TestCerts.RANDOM);
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            ca.certificate(),
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofHours(1))),
            new X500Name("CN=" + host),
            keys.getPublic());
    builder
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
    return new MintedLeaf(
        LeafName.parse(host),
        keys.getPrivate(),
        List.of(
            X509Parts.sign(builder, ca.signingKey(), ca.signatureAlgorithm()), ca.certificate()),
        now);
  }
}
