package dev.agentgate.proxy.cli;

import dev.agentgate.policy.store.Ed25519Keys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agentgate policy keygen --out DIR}: a new Ed25519 key pair for signing policies. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Create an Ed25519 key pair for signing policies: NAME.key (PKCS#8 PEM, owner-only) and"
          + " NAME.pub (PEM) in DIR. Existing files are never overwritten.",
      "The proxy's policy.public_key names the .pub file; keep the .key where policies are signed."
    })
public final class PolicyKeygenCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory.")
  private Path out;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      defaultValue = "policy-signing",
      description = "File name without extension (default: ${DEFAULT-VALUE}).")
  private String name;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    KeyPair pair = Ed25519Keys.generate();
    Path key = out.resolve(name + ".key");
    Path pub = out.resolve(name + ".pub");
    try {
      Files.createDirectories(out);
      if (Files.exists(key) || Files.exists(pub)) {
        err.println("agentgate: " + (Files.exists(key) ? key : pub) + " exists; not overwritten");
        return 2;
      }
      writePrivate(key, Ed25519Keys.privatePem(pair.getPrivate()));
      Files.writeString(
          pub, Ed25519Keys.publicPem(pair.getPublic()), StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      err.println("agentgate: " + e.getFile() + " exists; not overwritten");
      return 2;
    } catch (IOException e) {
      err.println("agentgate: cannot write the key pair: " + e.getMessage());
      return 2;
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println("private key " + key + " (keep it secret)");
    o.println("public key  " + pub + " (" + Ed25519Keys.fingerprint(pair.getPublic()) + ")");
    o.flush();
    return 0;
  }

  /** Owner read/write only where the file system has POSIX permissions. */
  private static void writePrivate(Path file, String pem) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
