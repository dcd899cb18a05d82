package dev.agentgate.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CAs made by openssl, as operators bring them in a Kubernetes Secret, load and mint leaves that
 * openssl verifies strictly; an encrypted key is refused with the command that fixes it.
 */
class OpensslCaCompatibilityIT {

  @TempDir Path dir;

  @BeforeEach
  void needsOpenssl() {
    ExternalTool.assumeInstalled("openssl");
  }

  @Test
  void ecCaWithSec1KeyAndParametersBlock() throws Exception {
    Path key = dir.resolve("tls.key");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", key.toString());
    assertThat(Files.readString(key))
        .contains("BEGIN EC PARAMETERS")
        .contains("BEGIN EC PRIVATE KEY");
    Path cert = selfSignedCa(key);

    assertMintsVerifiableLeaves(CertificateAuthority.load(cert, key, Clock.systemUTC()), cert);
  }

  @Test
  void rsaCaWithPkcs1Key() throws Exception {
    Path key = dir.resolve("rsa.key");
    openssl(
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        "rsa_keygen_bits:2048",
        "-out",
        dir.resolve("p8.key").toString());
    openssl(
        "pkey", "-in", dir.resolve("p8.key").toString(), "-traditional", "-out", key.toString());
    assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    Path cert = selfSignedCa(key);

    CertificateAuthority ca = CertificateAuthority.load(cert, key, Clock.systemUTC());

    assertThat(ca.signatureAlgorithm()).isEqualTo("SHA256withRSA");
    assertMintsVerifiableLeaves(ca, cert);
  }

  @Test
  void p384CaWithPkcs8Key() throws Exception {
    Path key = dir.resolve("p384.key");
    openssl(
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-384",
        "-out",
        key.toString());
    Path cert = selfSignedCa(key);

    CertificateAuthority ca = CertificateAuthority.load(cert, key, Clock.systemUTC());

    assertThat(ca.signatureAlgorithm()).isEqualTo("SHA384withECDSA");
    assertMintsVerifiableLeaves(ca, cert);
  }

  @Test
  void caWithoutKeyIdentifiersLoadsWithAWarning() throws Exception {
    Path key = dir.resolve("ec.key");
    openssl(
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        key.toString());
    Path cert = dir.resolve("bare.crt");
    openssl(
        "req",
        "-x509",
        "-new",
        "-key",
        key.toString(),
        "-out",
        cert.toString(),
        "-days",
        "30",
        "-subj",
        "/CN=bare CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "subjectKeyIdentifier=none",
        "-addext",
        "authorityKeyIdentifier=none");

    CertificateAuthority ca = CertificateAuthority.load(cert, key, Clock.systemUTC());

    assertThat(ca.warnings()).singleElement().asString().contains("Subject Key Identifier");
  }

  @Test
  void encryptedKeyIsRefusedWithTheFix() throws Exception {
    Path plain = dir.resolve("plain.key");
    Path encrypted = dir.resolve("encrypted.key");
    openssl(
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        plain.toString());
    openssl(
        "pkey",
        "-in",
        plain.toString(),
        "-aes256",
        "-passout",
        "pass:secret",
        "-out",
        encrypted.toString());
    Path cert = selfSignedCa(plain);

    assertThatThrownBy(() -> CertificateAuthority.load(cert, encrypted, Clock.systemUTC()))
        .isInstanceOf(TlsConfigException.class)
        .hasMessageContaining("is encrypted")
        .hasMessageContaining("openssl pkey -in")
        .hasMessageNotContaining("\n");
  }

  private Path selfSignedCa(Path key) throws Exception {
    Path cert = dir.resolve(key.getFileName() + ".crt");
    openssl(
        "req",
        "-x509",
        "-new",
        "-key",
        key.toString(),
        "-out",
        cert.toString(),
        "-days",
        "30",
        "-subj",
        "/CN=openssl CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    return cert;
  }

  private void assertMintsVerifiableLeaves(CertificateAuthority ca, Path caCert) throws Exception {
    Path leaf =
        TestCerts.writeLeafPem(TestCerts.mint(ca, "api.example.com"), dir.resolve("leaf.pem"));

    ExternalTool.Result result =
        ExternalTool.run(
            "openssl",
            "verify",
            "-x509_strict",
            "-purpose",
            "sslserver",
            "-verify_hostname",
            "api.example.com",
            "-CAfile",
            caCert.toString(),
            leaf.toString());

    assertThat(result.output()).isEqualTo(leaf + ": OK\n");
  }

  private static void openssl(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "openssl";
    System.arraycopy(args, 0, command, 1, args.length);
    ExternalTool.Result result = ExternalTool.run(command);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }
}
