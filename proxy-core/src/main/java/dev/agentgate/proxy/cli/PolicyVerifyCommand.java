package dev.agentgate.proxy.cli;

import dev.agentgate.policy.lang.PolicyError;
import dev.agentgate.policy.store.Ed25519Keys;
import dev.agentgate.policy.store.PolicySignatures;
import dev.agentgate.policy.store.PolicySource;
import dev.agentgate.policy.store.PolicyStore;
import dev.agentgate.policy.store.PolicyUpdate;
import dev.agentgate.policy.store.Validation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentgate policy verify FILE --public-key K}: what a proxy with {@code require_signature}
 * does before applying a file: verify FILE.sig, then parse, validate and compile. Exit 0 valid and
 * signed, 1 rejected (errors printed), 2 usage problems.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a signed policy offline, as a proxy with policy.require_signature does: FILE.sig"
          + " (or --sig) must be a valid Ed25519 signature of FILE by a key in K, and the policy"
          + " must compile.",
      "Exit status: 0 signed and valid, 1 rejected (errors printed), 2 usage."
    })
public final class PolicyVerifyCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The policy file.")
  private Path file;

  @Option(
      names = "--public-key",
      required = true,
      paramLabel = "K",
      description = "PEM file with one or more Ed25519 public keys.")
  private Path publicKey;

  @Option(names = "--sig", paramLabel = "SIG", description = "Signature file (default FILE.sig).")
  private Path sig;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PolicySignatures signatures;
    byte[] content;
    String signature = null;
    try {
      signatures =
          PolicySignatures.of(Ed25519Keys.readPublicKeys(Files.readString(publicKey)), true);
      content = Files.readAllBytes(file);
      Path sigFile = sig != null ? sig : file.resolveSibling(file.getFileName() + ".sig");
      if (sig != null || Files.exists(sigFile)) {
        signature = Files.readString(sigFile, StandardCharsets.US_ASCII);
      }
    } catch (IOException e) {
      err.println("agentgate: cannot read " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("agentgate: " + publicKey + ": " + e.getMessage());
      return 2;
    }
    Validation v =
        PolicyStore.builder()
            .signatures(signatures)
            .build()
            .validate(new PolicyUpdate(PolicySource.FILE, file.toString(), content, signature));
    if (!v.ok()) {
      for (PolicyError e : v.errors()) {
        err.println(e.line() > 0 ? e.toString() : e.file() + ": " + e.message());
      }
      err.flush();
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        file
            + ": ok (version "
            + v.policy().version()
            + ", "
            + v.policy().ruleCount()
            + " rules, sha256 "
            + v.contentHash().substring(0, 12)
            + ", signed by "
            + v.signedBy()
            + ")");
    out.flush();
    return 0;
  }
}
