package dev.agentgate.proxy.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA and one server certificate for the test upstreams (ECDSA P-256). */
public final class TestCa {
  private static final char[] PASSWORD = "test".toCharArray();

  private final X509Certificate caCert;
  private final X509Certificate leafCert;
  private final KeyPair leafKey;

  private TestCa(X509Certificate caCert, X509Certificate leafCert, KeyPair leafKey) {
    this.caCert = caCert;
    this.leafCert = leafCert;
    this.leafKey = leafKey;
  }

  /** A CA and a server certificate for {@code dnsNames} (and 127.0.0.1). */
  public static TestCa create(String... dnsNames) throws Exception {
    return named("agentgate test CA", dnsNames);
  }

  /** As {@link #create}, with a CA of another name (two CAs of one name confuse path building). */
  public static TestCa named(String caCommonName, String... dnsNames) throws Exception {
    KeyPair caKey = ecKey();
    KeyPair leafKey = ecKey();
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    Instant now = Instant.now();
    X500Name caName = new X500Name("CN=" + caCommonName);
    X509v3CertificateBuilder ca =
        new JcaX509v3CertificateBuilder(
            caName,
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(2))),
            caName,
            caKey.getPublic());
    ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    ca.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    ca.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKey.getPublic()));
    X509Certificate caCert = sign(ca, caKey);

    List<GeneralName> names = new ArrayList<>();
    for (String dns : dnsNames) {
      names.add(new GeneralName(GeneralName.dNSName, dns));
    }
    names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    X509v3CertificateBuilder leaf =
        new JcaX509v3CertificateBuilder(
            caCert,
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            new X500Name("CN=" + dnsNames[0]),
            leafKey.getPublic());
    leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    leaf.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    leaf.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(names.toArray(GeneralName[]::new)));
    leaf.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(leafKey.getPublic()));
    leaf.addExtension(
        Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
    return new TestCa(caCert, sign(leaf, caKey), leafKey);
  }

  public X509Certificate caCertificate() {
    return caCert;
  }

  public X509Certificate serverCertificate() {
    return leafCert;
  }

  /** For the upstream server: the server certificate and key. */
  public SSLContext serverContext() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", leafKey.getPrivate(), PASSWORD, new Certificate[] {leafCert, caCert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
    return ctx;
  }

  /** For clients: trusts this CA only. */
  public SSLContext clientContext() throws Exception {
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("ca", caCert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
    return ctx;
  }

  /** Writes the CA certificate as PEM (for curl's --cacert). */
  public Path writeCaPem(Path dir) throws Exception {
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(caCert.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    Path file = dir.resolve("test-ca.pem");
    Files.writeString(file, pem);
    return file;
  }

  private static KeyPair ecKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }
}
