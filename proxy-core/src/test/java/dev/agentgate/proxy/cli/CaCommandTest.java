package dev.agentgate.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.proxy.Main;
import dev.agentgate.proxy.tls.CaStore;
import dev.agentgate.proxy.tls.CertificateAuthority;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CaCommandTest {

  @TempDir Path dir;

  /** What one run of the command printed and returned. */
  private record Run(int exitCode, String out, String err) {}

  @Test
  void initCreatesTheCaWithNameAndValidity() throws Exception {
    Path data = dir.resolve("data");

    Run run =
        agentgate(
            "ca", "init", "--dir", data.toString(), "--name", "Acme egress CA", "--days", "90");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Created the agentgate CA in " + data).contains("SHA-256");
    assertThat(run.err()).isEmpty();
    CertificateAuthority ca = CaStore.load(data, Clock.systemUTC());
    assertThat(ca.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=Acme egress CA");
    Duration validity = Duration.between(Instant.now(), ca.certificate().getNotAfter().toInstant());
    assertThat(validity).isBetween(Duration.ofDays(89), Duration.ofDays(90));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(CaStore.keyFile(data))))
        .isEqualTo("rw-------");
  }

  @Test
  void initRefusesToReplaceWithoutForce() throws Exception {
    Path data = dir.resolve("data");
    agentgate("ca", "init", "--dir", data.toString());
    String before = Files.readString(CaStore.certFile(data));

    Run refused = agentgate("ca", "init", "--dir", data.toString());
    String unchanged = Files.readString(CaStore.certFile(data));
    Run forced = agentgate("ca", "init", "--dir", data.toString(), "--force");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .startsWith("agentgate ca init: a CA already exists in")
        .hasLineCount(1);
    assertThat(unchanged).isEqualTo(before);
    assertThat(forced.exitCode()).isZero();
    assertThat(Files.readString(CaStore.certFile(data))).isNotEqualTo(before);
  }

  @Test
  void initRejectsABadValidityAsAUsageError() {
    Run run = agentgate("ca", "init", "--dir", dir.toString(), "--days", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("CA validity must be at least one day");
    assertThat(CaStore.exists(dir)).isFalse();
  }

  @Test
  void exportPrintsExactlyThePemOnStdoutAndInstructionsOnStderr() throws Exception {
    Path data = dir.resolve("data");
    agentgate("ca", "init", "--dir", data.toString());

    Run run = agentgate("ca", "export", "--dir", data.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(Files.readString(CaStore.certFile(data)));
    X509Certificate parsed =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(run.out().getBytes(StandardCharsets.US_ASCII)));
    assertThat(parsed.getBasicConstraints()).isZero();
    assertThat(run.err())
        .contains("NODE_EXTRA_CA_CERTS=")
        .contains("NODE_USE_SYSTEM_CA=1")
        .contains("CODEX_CA_CERTIFICATE=")
        .contains("SSL_CERT_FILE=")
        .contains("REQUESTS_CA_BUNDLE=")
        .contains("update-ca-certificates")
        .contains("security add-trusted-cert")
        .contains("certutil -addstore")
        .contains("keytool -importcert")
        .contains(CertificateAuthority.fingerprint(parsed));
  }

  @Test
  void exportFromACertificateFileAndQuietly() throws Exception {
    Path data = dir.resolve("data");
    agentgate("ca", "init", "--dir", data.toString());
    Path secret = Files.copy(CaStore.certFile(data), dir.resolve("tls.crt"));

    Run run = agentgate("ca", "export", "--cert", secret.toString(), "--quiet");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(Files.readString(secret));
    assertThat(run.err()).isEmpty();
  }

  @Test
  void exportErrorsAreOneLine() throws Exception {
    Path notCa = Files.writeString(dir.resolve("x.pem"), "nothing here\n");

    Run missing = agentgate("ca", "export", "--dir", dir.resolve("nowhere").toString());
    Run garbage = agentgate("ca", "export", "--cert", notCa.toString());
    Run both = agentgate("ca", "export", "--dir", "a", "--cert", "b");

    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err())
        .startsWith("agentgate ca export: CA certificate ")
        .contains("not found")
        .hasLineCount(1);
    assertThat(garbage.exitCode()).isEqualTo(1);
    assertThat(garbage.err()).contains("holds no PEM certificate").hasLineCount(1);
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void caWithoutSubcommandIsAUsageError() {
    Run run = agentgate("ca");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing subcommand");
  }

  private static Run agentgate(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
