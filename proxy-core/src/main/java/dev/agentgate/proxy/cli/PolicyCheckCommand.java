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
 * {@code agentgate policy check FILE}: the checks the proxy makes before applying a policy,
 * offline. Exit 0 valid, 1 invalid (errors printed), 2 usage problems.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check a policy file offline, exactly as the proxy does before applying it: parse, validate,"
          + " compile and, with --public-key, verify FILE.sig.",
      "Exit status: 0 valid, 1 invalid (errors printed as FILE:line:column: message), 2 usage."
    })
public final class PolicyCheckCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The policy file.")
  private Path file;

  @Option(
      names = "--public-key",
      paramLabel = "K",
      description = "Also require a valid signature (FILE.sig) by a key in this PEM file.")
  private Path publicKey;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PolicySignatures signatures = PolicySignatures.NONE;
    byte[] content;
    String signature = null;
    try {
      if (publicKey != null) {
        signatures =
            PolicySignatures.of(Ed25519Keys.readPublicKeys(Files.readString(publicKey)), true);
      }
      content = Files.readAllBytes(file);
      Path sig = file.resolveSibling(file.getFileName() + ".sig");
      if (Files.exists(sig)) {
        signature = Files.readString(sig, StandardCharsets.US_ASCII);
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
        "ok: version "
            + v.policy().version()
            + ", "
            + v.policy().ruleCount()
            + " rules, hash "
            + v.contentHash()
            + (v.signedBy() == null ? "" : ", signed by " + v.signedBy())
            + ", compiled in "
            + v.compileTime().toMillis()
            + " ms");
    out.flush();
    return 0;
  }
}
