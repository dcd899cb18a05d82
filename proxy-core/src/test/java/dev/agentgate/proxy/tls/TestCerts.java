package dev.agentgate.proxy.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;

/** Test fixtures: CAs, minters and PEM files. */
final class TestCerts {

  static final SecureRandom RANDOM = new SecureRandom();

  private TestCerts() {}

  static CertificateAuthority newCa(String name) {
    return newCa(name, Clock.systemUTC());
  }

  static CertificateAuthority newCa(String name, Clock clock) {
    return new CaGenerator(clock, RANDOM).create(new CaSpec(name, Duration.ofDays(30)));
  }

  static LeafMinter minter(CertificateAuthority ca) {
    return new LeafMinter(ca, LeafSettings.defaults(), Clock.systemUTC(), RANDOM);
  }

  static MintedLeaf mint(CertificateAuthority ca, String host) {
    return minter(ca).mint(LeafName.parse(host));
  }

  /** Writes the CA certificate as PEM and returns the file. */
  static Path writeCaPem(CertificateAuthority ca, Path dir) throws IOException {
    Path file = dir.resolve("ca-" + Long.toHexString(RANDOM.nextLong()) + ".pem");
    Files.writeString(file, ca.certificatePem(), StandardCharsets.US_ASCII);
    return file;
  }

  /**
   * Writes certificates and keys as PEM: EC keys as PKCS#8 (BouncyCastle's SEC1 writer would drop
   * the curve of a JDK key), RSA keys as PKCS#1.
   */
  static Path writePem(Path file, Object... objects) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object object : objects) {
        if (object instanceof ECPrivateKey key) {
          writer.writeObject(new JcaPKCS8Generator(key, null));
        } else {
          writer.writeObject(object);
        }
      }
    }
    Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
    return file;
  }

  /**
   * Writes an EC key in SEC1 form ({@code BEGIN EC PRIVATE KEY}) with its named curve and without
   * the optional public key, as some tools do.
   */
  static Path writeSec1(Path file, ECPrivateKey key) throws IOException {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
    ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
    byte[] der = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(), curve).getEncoded();
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new PemObject("EC PRIVATE KEY", der));
    }
    Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
    return file;
  }

  static Path writeLeafPem(MintedLeaf leaf, Path file) throws IOException {
    Files.writeString(file, PemFiles.toPem(List.of(leaf.certificate())), StandardCharsets.US_ASCII);
    return file;
  }
}
