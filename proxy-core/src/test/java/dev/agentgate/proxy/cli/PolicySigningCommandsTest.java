package dev.agentgate.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.proxy.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code agentgate policy keygen | sign | verify}, and their interplay with OpenSSL. */
class PolicySigningCommandsTest {
  private static final String POLICY =
      "version: \"s1\"\ndefault: allow\nrules:\n  - id: b\n    match: {host: x.example}\n"
          + "    action: block\n    message: no\n";

  @TempDir Path dir;
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private Path keys() {
    assertThat(run("policy", "keygen", "--out", dir.resolve("keys").toString())).isZero();
    return dir.resolve("keys");
  }

  @Test
  void keygenWritesAnOwnerOnlyPrivateKeyAndAPublicKeyAndNeverOverwrites() throws Exception {
    Path keys = keys();
    Path key = keys.resolve("policy-signing.key");
    Path pub = keys.resolve("policy-signing.pub");

    assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(Files.getPosixFilePermissions(key))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    assertThat(out.toString()).contains("ed25519:");
    String before = Files.readString(key);

    assertThat(run("policy", "keygen", "--out", keys.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("exists; not overwritten");
    assertThat(Files.readString(key)).isEqualTo(before);
  }

  @Test
  void signThenVerifyWithThePublicKey() throws Exception {
    Path keys = keys();
    Path policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);

    assertThat(
            run(
                "policy",
                "sign",
                policy.toString(),
                "--key",
                keys.resolve("policy-signing.key").toString()))
        .isZero();
    String sig = Files.readString(dir.resolve("policy.yaml.sig")).strip();
    assertThat(Base64.getDecoder().decode(sig)).hasSize(64);

    assertThat(
            run(
                "policy",
                "verify",
                policy.toString(),
                "--public-key",
                keys.resolve("policy-signing.pub").toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .startsWith(policy + ": ok (version s1, 1 rules")
        .contains("signed by ed25519:");

    Files.writeString(policy, POLICY + "# an edit after signing\n");
    assertThat(
            run(
                "policy",
                "verify",
                policy.toString(),
                "--public-key",
                keys.resolve("policy-signing.pub").toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains(policy + ": signature: does not verify");
  }

  @Test
  void checkPrintsEachErrorWithItsPosition() throws Exception {
    Path policy =
        Files.writeString(
            dir.resolve("bad.yaml"),
            "version: v\ndefault: allow\nrules:\n  - id: p\n    match: {port: https}\n    action: allow\n");
    assertThat(run("policy", "check", policy.toString())).isEqualTo(1);
    assertThat(err.toString().strip()).startsWith(policy + ":5:19: match.port:");
  }

  @Test
  void aSignatureMadeByOurToolVerifiesWithOpenssl() throws Exception {
    Path keys = keys();
    Path policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);
    run(
        "policy",
        "sign",
        policy.toString(),
        "--key",
        keys.resolve("policy-signing.key").toString());
    Path raw =
        Files.write(
            dir.resolve("sig.bin"),
            Base64.getDecoder().decode(Files.readString(dir.resolve("policy.yaml.sig")).strip()));

    String result =
        openssl(
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            keys.resolve("policy-signing.pub").toString(),
            "-rawin",
            "-in",
            policy.toString(),
            "-sigfile",
            raw.toString());
    assertThat(result).contains("Signature Verified Successfully");
  }

  @Test
  void aKeyAndSignatureMadeByOpensslAreAccepted() throws Exception {
    Path key = dir.resolve("ossl.key");
    Path pub = dir.resolve("ossl.pub");
    Path policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);
    openssl("genpkey", "-algorithm", "ed25519", "-out", key.toString());
    openssl("pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());
    Path raw = dir.resolve("sig.bin");
    openssl(
        "pkeyutl",
        "-sign",
        "-inkey",
        key.toString(),
        "-rawin",
        "-in",
        policy.toString(),
        "-out",
        raw.toString());
    Files.writeString(
        dir.resolve("policy.yaml.sig"),
        Base64.getEncoder().encodeToString(Files.readAllBytes(raw)));

    assertThat(run("policy", "verify", policy.toString(), "--public-key", pub.toString()))
        .as(err.toString())
        .isZero();
    // Our sign command takes OpenSSL's private key too.
    Files.delete(dir.resolve("policy.yaml.sig"));
    assertThat(run("policy", "sign", policy.toString(), "--key", key.toString())).isZero();
    assertThat(run("policy", "verify", policy.toString(), "--public-key", pub.toString())).isZero();
  }

  @Test
  void signWithAMissingKeyIsAUsageError() {
    assertThat(run("policy", "sign", "nope.yaml", "--key", dir.resolve("none.key").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).startsWith("agentgate: cannot read the key");
  }

  private static String openssl(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }
}
