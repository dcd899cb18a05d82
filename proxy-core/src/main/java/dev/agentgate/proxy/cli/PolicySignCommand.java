package dev.agentgate.proxy.cli;

import dev.agentgate.policy.store.Ed25519Keys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentgate policy sign FILE --key K}: writes the detached signature FILE.sig. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a policy file: FILE.sig gets the Ed25519 signature of the file's exact bytes, base64"
          + " on one line (the same as: openssl pkeyutl -sign -rawin -inkey K -in FILE | base64"
          + " -w0).",
      "Sign after the last edit: any change to the file, even whitespace, voids the signature."
    })
public final class PolicySignCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The policy file.")
  private Path file;

  @Option(names = "--key", required = true, paramLabel = "K", description = "PEM private key.")
  private Path key;

  @Option(names = "--out", paramLabel = "SIG", description = "Signature file (default FILE.sig).")
  private Path out;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrivateKey privateKey;
    byte[] content;
    try {
      privateKey = Ed25519Keys.readPrivateKey(Files.readString(key, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      err.println("agentgate: cannot read the key " + key + ": " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("agentgate: " + key + ": " + e.getMessage());
      return 2;
    }
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      err.println("agentgate: cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    Path sig = out != null ? out : file.resolveSibling(file.getFileName() + ".sig");
    try {
      Files.writeString(sig, Ed25519Keys.sign(privateKey, content) + "\n");
    } catch (IOException e) {
      err.println("agentgate: cannot write " + sig + ": " + e.getMessage());
      return 2;
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println("signed " + file + " -> " + sig);
    o.flush();
    return 0;
  }
}
