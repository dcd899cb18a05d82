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
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/** An RSA CA as corporate PKIs and cert-manager issue them, for tests of loaded CAs. */
final class RsaCa {

  private RsaCa() {}

  static CertificateAuthority selfSigned(KeyPair pair, Instant now) throws Exception {
    X500Name name = new X500Name("CN=corporate RSA CA,O=Example");
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now.getEpochSecond()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(365))),
            name,
            pair.getPublic());
    builder
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign))
        .addExtension(
            Extension.subjectKeyIdentifier,
            false,
            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
    return CertificateAuthority.of(
        List.of(X509Parts.sign(builder, pair.getPrivate(), "SHA256withRSA")),
        pair.getPrivate(),
        "rsa test CA",
        now);
  }
}
