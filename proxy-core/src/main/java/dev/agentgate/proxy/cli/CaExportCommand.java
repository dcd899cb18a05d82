package dev.agentgate.proxy.cli;

import dev.agentgate.proxy.tls.CaStore;
import dev.agentgate.proxy.tls.CertificateAuthority;
import dev.agentgate.proxy.tls.PemFiles;
import dev.agentgate.proxy.tls.TlsConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentgate ca export}: prints the CA certificate (PEM, on stdout, so that {@code >
 * file.pem} captures exactly the certificate) and how to make each agent trust it (on stderr).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Print the CA certificate as PEM on stdout, and on stderr how to make each coding agent",
      "and the operating system trust it. The private key is never read."
    })
public final class CaExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true)
  Source source;

  /** Where the certificate comes from: the data directory, or a PEM file (a mounted Secret). */
  static final class Source {
    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description =
            "Data directory holding ca.pem (default: " + CaCommand.DEFAULT_DATA_DIR + ").")
    Path dir;

    @Option(
        names = "--cert",
        paramLabel = "FILE",
        description = "CA certificate PEM file, for example a Kubernetes Secret's tls.crt.")
    Path cert;
  }

  @Option(
      names = "--quiet",
      description = "Print only the PEM certificate, without the instructions.")
  boolean quiet;

  @Override
  public Integer call() {
    Path certFile = certFile();
    X509Certificate cert;
    try {
      cert = PemFiles.readCertificates(certFile, "CA certificate").get(0);
    } catch (TlsConfigException e) {
      return CliErrors.fail(spec, e.getMessage());
    }
    if (cert.getBasicConstraints() < 0) {
      return CliErrors.fail(
          spec, certFile + " is not a CA certificate (basicConstraints CA:TRUE missing)");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(PemFiles.toPem(List.of(cert)));
    out.flush();
    if (!quiet) {
      PrintWriter err = spec.commandLine().getErr();
      err.print(
          TrustInstructions.forCertificate(
              certFile.toAbsolutePath(), CertificateAuthority.fingerprint(cert)));
      err.flush();
    }
    return 0;
  }

  private Path certFile() {
    if (source != null && source.cert != null) {
      return source.cert;
    }
    Path dir =
        source != null && source.dir != null ? source.dir : Path.of(CaCommand.DEFAULT_DATA_DIR);
    return CaStore.certFile(dir);
  }
}
