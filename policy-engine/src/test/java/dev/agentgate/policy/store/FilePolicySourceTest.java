package dev.agentgate.policy.store;

import static dev.agentgate.policy.store.TestPolicies.blocking;
import static dev.agentgate.policy.store.TestPolicies.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.store.ReloadEvent.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePolicySourceTest {
  @TempDir Path dir;
  private final PolicyStore store = PolicyStore.builder().build();

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  @Test
  void loadsAtStartupThenOnlyWhenTheContentChanges() throws IOException {
    Path file = dir.resolve("policy.yaml");
    write(file, blocking("v1"));
    FilePolicySource source = new FilePolicySource(file, store);

    ReloadEvent first = source.poll(PolicySource.STARTUP);
    assertThat(first.result()).isEqualTo(Result.APPLIED);
    assertThat(store.live().source()).isEqualTo(PolicySource.STARTUP);
    assertThat(store.live().origin()).isEqualTo(file.toString());
    assertThat(source.poll(PolicySource.FILE)).isNull();

    write(file, blocking("v2"));
    ReloadEvent second = source.poll(PolicySource.FILE);
    assertThat(second.result()).isEqualTo(Result.APPLIED);
    assertThat(store.live().version()).isEqualTo("v2");
    assertThat(store.live().source()).isEqualTo(PolicySource.FILE);
  }

  @Test
  void editorRenameOnSaveIsPickedUp() throws IOException {
    Path file = dir.resolve("policy.yaml");
    write(file, blocking("v1"));
    FilePolicySource source = new FilePolicySource(file, store);
    source.poll(PolicySource.STARTUP);

    Path swap = dir.resolve(".policy.yaml.swp");
    write(swap, blocking("v2"));
    Files.move(swap, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    assertThat(source.poll(PolicySource.FILE).result()).isEqualTo(Result.APPLIED);
    assertThat(store.live().version()).isEqualTo("v2");
  }

  @Test
  void editorThatMovesTheOriginalAsideReportsTheGapOnceThenLoads() throws IOException {
    Path file = dir.resolve("policy.yaml");
    write(file, blocking("v1"));
    FilePolicySource source = new FilePolicySource(file, store);
    source.poll(PolicySource.STARTUP);

    Files.move(file, dir.resolve("policy.yaml~"));
    ReloadEvent gap = source.poll(PolicySource.FILE);
    assertThat(gap.result()).isEqualTo(Result.ERROR);
    assertThat(gap.errors().get(0).message()).contains("no such file");
    assertThat(source.poll(PolicySource.FILE)).isNull();
    assertThat(store.live().version()).isEqualTo("v1");

    write(file, blocking("v2"));
    assertThat(source.poll(PolicySource.FILE).result()).isEqualTo(Result.APPLIED);
  }

  @Test
  void kubernetesConfigMapSymlinkSwapIsPickedUp() throws IOException {
    // The kubelet's layout: policy.yaml -> ..data/policy.yaml, ..data -> ..<timestamp>/, and an
    // update writes a new timestamp directory, then renames a new ..data link over the old one.
    Path v1 = Files.createDirectory(dir.resolve("..2026_06_01_10_00_00.1"));
    write(v1.resolve("policy.yaml"), blocking("v1"));
    Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
    Path file = dir.resolve("policy.yaml");
    Files.createSymbolicLink(file, Path.of("..data", "policy.yaml"));
    FilePolicySource source = new FilePolicySource(file, store);
    assertThat(source.poll(PolicySource.STARTUP).result()).isEqualTo(Result.APPLIED);

    Path v2 = Files.createDirectory(dir.resolve("..2026_06_01_10_05_00.2"));
    write(v2.resolve("policy.yaml"), blocking("v2"));
    Path tmp = Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
    Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
    Files.delete(v1.resolve("policy.yaml"));
    Files.delete(v1);

    ReloadEvent e = source.poll(PolicySource.FILE);
    assertThat(e.result()).isEqualTo(Result.APPLIED);
    assertThat(store.live().version()).isEqualTo("v2");
    assertThat(source.poll(PolicySource.FILE)).isNull();
  }

  @Test
  void aHalfWrittenFileIsRejectedAndTheFinishedOneApplied() throws IOException {
    Path file = dir.resolve("policy.yaml");
    write(file, blocking("v1"));
    FilePolicySource source = new FilePolicySource(file, store);
    source.poll(PolicySource.STARTUP);

    String full = blocking("v2");
    write(file, full.substring(0, full.indexOf("match:") + 10));
    ReloadEvent half = source.poll(PolicySource.FILE);
    assertThat(half.result()).isEqualTo(Result.REJECTED);
    assertThat(store.live().version()).isEqualTo("v1");
    assertThat(source.poll(PolicySource.FILE)).as("same bytes are not retried").isNull();

    write(file, full);
    assertThat(source.poll(PolicySource.FILE).result()).isEqualTo(Result.APPLIED);
    assertThat(store.live().version()).isEqualTo("v2");
  }

  @Test
  void aNewSignatureFileAloneTriggersAnotherAttempt() throws IOException {
    KeyPair key = Ed25519Keys.generate();
    PolicyStore signed =
        PolicyStore.builder()
            .signatures(PolicySignatures.of(List.of(key.getPublic()), true))
            .build();
    Path file = dir.resolve("policy.yaml");
    write(file, blocking("v1"));
    FilePolicySource source = new FilePolicySource(file, signed);

    ReloadEvent unsigned = source.poll(PolicySource.STARTUP);
    assertThat(unsigned.result()).isEqualTo(Result.REJECTED);
    assertThat(unsigned.errors().get(0).message()).startsWith("signature: missing");

    write(source.signatureFile(), Ed25519Keys.sign(key.getPrivate(), bytes(blocking("v1"))));
    assertThat(source.poll(PolicySource.FILE).result()).isEqualTo(Result.APPLIED);
    assertThat(signed.live().signedBy()).isEqualTo(Ed25519Keys.fingerprint(key.getPublic()));

    // The policy changes before its signature: rejected, then applied when the .sig follows.
    write(file, blocking("v2"));
    assertThat(source.poll(PolicySource.FILE).result()).isEqualTo(Result.REJECTED);
    write(source.signatureFile(), Ed25519Keys.sign(key.getPrivate(), bytes(blocking("v2"))));
    assertThat(source.poll(PolicySource.FILE).result()).isEqualTo(Result.APPLIED);
    assertThat(signed.live().version()).isEqualTo("v2");
  }
}
