package dev.agentgate.proxy.cli;

import dev.agentgate.proxy.tls.CaGenerator;
import dev.agentgate.proxy.tls.CaSpec;
import dev.agentgate.proxy.tls.CaStore;
import dev.agentgate.proxy.tls.CertificateAuthority;
import dev.agentgate.proxy.tls.TlsConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code agentgate ca init}: creates the CA (ECDSA P-256) in the data directory. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create a new interception CA (ECDSA P-256) in the data directory:",
      "ca.pem (the certificate clients trust) and ca-key.pem (mode 0600, keep it secret)."
    })
public final class CaInitCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Data directory (default: ${DEFAULT-VALUE}).",
      defaultValue = CaCommand.DEFAULT_DATA_DIR)
  Path dir;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "Common name of the CA, as users see it in trust stores (default: ${DEFAULT-VALUE}).",
      defaultValue = CaSpec.DEFAULT_NAME)
  String name;

  @Option(
      names = "--days",
      paramLabel = "N",
      description = "Days the CA is valid (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + CaSpec.DEFAULT_DAYS)
  int days;

  @Option(
      names = "--force",
      description = "Replace an existing CA (every client must then trust the new one).")
  boolean force;

  @Override
  public Integer call() {
    CaSpec caSpec;
    try {
      caSpec = new CaSpec(name, Duration.ofDays(days));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      CertificateAuthority ca =
          new CaGenerator(Clock.systemUTC(), new SecureRandom()).create(caSpec);
      CaStore.write(ca, dir, force);
      out.println("Created the agentgate CA in " + dir);
      out.println("  certificate  " + CaStore.certFile(dir));
      out.println("  private key  " + CaStore.keyFile(dir) + " (mode 0600; keep it secret)");
      out.println("  subject      " + ca.certificate().getSubjectX500Principal().getName());
      out.println("  valid until  " + ca.certificate().getNotAfter().toInstant());
      out.println("  SHA-256      " + ca.sha256Fingerprint());
      out.println("Next, make clients trust it: agentgate ca export --dir " + dir);
      out.flush();
      return 0;
    } catch (TlsConfigException e) {
      return CliErrors.fail(spec, e.getMessage());
    }
  }
}
