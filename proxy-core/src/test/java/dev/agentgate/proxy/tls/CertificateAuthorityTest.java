package dev.agentgate.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

  @TempDir Path dir;

  private final Clock clock = Clock.systemUTC();

  @Test
  void createdCaRoundTripsThroughTheDataDirectory() throws Exception {
    CertificateAuthority created = TestCerts.newCa("round trip CA");
    CaStore.write(created, dir, false);

    CertificateAuthority loaded = CaStore.load(dir, clock);

    assertThat(loaded.certificate()).isEqualTo(created.certificate());
    assertThat(loaded.signingKey().getEncoded()).isEqualTo(created.signingKey().getEncoded());
    assertThat(loaded.sha256Fingerprint()).isEqualTo(created.sha256Fingerprint());
    assertThat(loaded.warnings()).isEmpty();
    assertThat(Files.readString(CaStore.keyFile(dir))).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(CaStore.certFile(dir))).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void keyFileIsOwnerOnlyAndCertificateIsPublic() throws Exception {
    CaStore.write(TestCerts.newCa("modes"), dir.resolve("new"), false);

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("new/ca-key.pem"))))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new/ca.pem"))))
        .isEqualTo("rw-r--r--");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new"))))
        .isEqualTo("rwx------");
    try (var files = Files.list(dir.resolve("new"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsOnly("ca.pem", "ca-key.pem");
    }
  }

  @Test
  void existingCaIsReplacedOnlyWhenAsked() throws Exception {
    CertificateAuthority first = TestCerts.newCa("first");
    CertificateAuthority second = TestCerts.newCa("second");
    CaStore.write(first, dir, false);

    assertThatThrownBy(() -> CaStore.write(second, dir, false))
        .isInstanceOf(TlsConfigException.class)
        .hasMessageContaining("already exists")
        .hasMessageContaining("--force");
    assertThat(CaStore.load(dir, clock).certificate()).isEqualTo(first.certificate());

    CaStore.write(second, dir, true);
    assertThat(CaStore.load(dir, clock).certificate()).isEqualTo(second.certificate());
  }

  @Test
  void loadOrCreateCreatesOnFirstRunAndLoadsAfterwards() throws Exception {
    CaGenerator generator = new CaGenerator(clock, TestCerts.RANDOM);

    CaStore.Loaded first = CaStore.loadOrCreate(dir, CaSpec.defaults(), generator, clock);
    CaStore.Loaded second = CaStore.loadOrCreate(dir, CaSpec.defaults(), generator, clock);

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.ca().certificate()).isEqualTo(first.ca().certificate());
    assertThat(first.ca().certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=" + CaSpec.DEFAULT_NAME);
  }

  @Test
  void generatedCaIsShapedForStrictVerifiers() {
    var cert = TestCerts.newCa("shape").certificate();

    assertThat(cert.getBasicConstraints()).isZero();
    assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
    assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(cert.getKeyUsage()[6]).as("cRLSign").isTrue();
    assertThat(cert.getExtensionValue("2.5.29.14")).as("subject key identifier").isNotNull();
    assertThat(cert.getExtensionValue("2.5.29.35")).as("authority key identifier").isNotNull();
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(cert.getSerialNumber().signum()).isPositive();
  }

  @Test
  void sec1EcKeyLoads() throws Exception {
    CertificateAuthority ca = TestCerts.newCa("sec1");
    Path cert = TestCerts.writePem(dir.resolve("tls.crt"), ca.certificate());
    Path key = TestCerts.writeSec1(dir.resolve("tls.key"), (ECPrivateKey) ca.signingKey());
    assertThat(Files.readString(key)).startsWith("-----BEGIN EC PRIVATE KEY-----");

    CertificateAuthority loaded = CertificateAuthority.load(cert, key, clock);

    assertThat(((ECPrivateKey) loaded.signingKey()).getS())
        .isEqualTo(((ECPrivateKey) ca.signingKey()).getS());
  }

  @Test
  void mismatchedKeyIsRefused() throws Exception {
    Path cert = TestCerts.writePem(dir.resolve("a.pem"), TestCerts.newCa("a").certificate());
    Path key = TestCerts.writePem(dir.resolve("b.key"), TestCerts.newCa("b").signingKey());

    assertOneLineError(cert, key, "private key does not match");
  }

  @Test
  void rsaKeyOfAnotherCaIsRefusedAsMismatch() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair pair = rsa.generateKeyPair();
    Path cert = TestCerts.writePem(dir.resolve("a.pem"), TestCerts.newCa("a").certificate());
    Path key = TestCerts.writePem(dir.resolve("rsa.key"), pair.getPrivate());
    assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

    assertOneLineError(cert, key, "private key does not match");
  }

  @Test
  void weakRsaKeyIsRefused() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    Path cert = TestCerts.writePem(dir.resolve("a.pem"), TestCerts.newCa("a").certificate());
    Path key = TestCerts.writePem(dir.resolve("weak.key"), rsa.generateKeyPair().getPrivate());

    assertOneLineError(cert, key, "1024 bits is too weak");
  }

  @Test
  void missingFilesAreNamed() throws Exception {
    CaStore.write(TestCerts.newCa("x"), dir, false);
    Files.delete(CaStore.keyFile(dir));

    assertOneLineError(CaStore.certFile(dir), CaStore.keyFile(dir), "ca-key.pem not found");
    assertOneLineError(dir.resolve("nope.pem"), CaStore.keyFile(dir), "nope.pem not found");
  }

  @Test
  void unreadableKeyIsNamed() throws Exception {
    CaStore.write(TestCerts.newCa("x"), dir, false);
    Files.setPosixFilePermissions(
        CaStore.keyFile(dir), PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(CaStore.keyFile(dir)), "running as root: every file is readable");

    assertOneLineError(CaStore.certFile(dir), CaStore.keyFile(dir), "not readable");
  }

  @Test
  void badPemIsRefusedWithTheFileName() throws Exception {
    CertificateAuthority ca = TestCerts.newCa("x");
    CaStore.write(ca, dir, false);
    Path garbage =
        write(
            "garbage.pem", "-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----\n");
    Path empty = write("empty.pem", "");
    Path text = write("text.pem", "hello\n");

    assertOneLineError(garbage, CaStore.keyFile(dir), "garbage.pem is not valid PEM");
    assertOneLineError(empty, CaStore.keyFile(dir), "empty.pem holds no PEM certificate");
    assertOneLineError(CaStore.certFile(dir), text, "text.pem holds no PEM private key");
    assertOneLineError(
        CaStore.certFile(dir), CaStore.certFile(dir), "holds a certificate, not a private key");
    assertOneLineError(dir, CaStore.keyFile(dir), "is a directory");
  }

  @Test
  void leafCertificateIsNotACa() throws Exception {
    CertificateAuthority ca = TestCerts.newCa("x");
    MintedLeaf leaf = TestCerts.mint(ca, "example.com");
    Path cert = TestCerts.writePem(dir.resolve("leaf.pem"), leaf.certificate());
    Path key = TestCerts.writePem(dir.resolve("leaf.key"), leaf.key());

    assertOneLineError(cert, key, "not a CA");
  }

  @Test
  void expiredCaIsRefused() throws Exception {
    Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(40)), ZoneOffset.UTC);
    CertificateAuthority old = TestCerts.newCa("old", past);
    CaStore.write(old, dir, false);

    assertOneLineError(CaStore.certFile(dir), CaStore.keyFile(dir), "expired on");
  }

  @Test
  void caSpecRejectsNonsense() {
    assertThatThrownBy(() -> new CaSpec(" ", Duration.ofDays(10)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CaSpec("x".repeat(65), Duration.ofDays(10)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CaSpec("ok", Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
  }

  private void assertOneLineError(Path cert, Path key, String expected) {
    assertThatThrownBy(() -> CertificateAuthority.load(cert, key, clock))
        .isInstanceOf(TlsConfigException.class)
        .hasMessageContaining(expected)
        .hasMessageNotContaining("\n");
  }
}
