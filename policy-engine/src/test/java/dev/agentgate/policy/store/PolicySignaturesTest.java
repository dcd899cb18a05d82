package dev.agentgate.policy.store;

import static dev.agentgate.policy.store.TestPolicies.blocking;
import static dev.agentgate.policy.store.TestPolicies.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentgate.policy.store.ReloadEvent.Result;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicySignaturesTest {
  private final KeyPair signer = Ed25519Keys.generate();
  private final KeyPair stranger = Ed25519Keys.generate();
  private final PolicyStore store =
      PolicyStore.builder()
          .signatures(PolicySignatures.of(List.of(signer.getPublic()), true))
          .build();

  private ReloadEvent push(byte[] content, String signature) {
    return store.apply(new PolicyUpdate(PolicySource.API, "admin-api", content, signature));
  }

  @Test
  void aPolicySignedByAConfiguredKeyIsApplied() {
    byte[] policy = bytes(blocking("v1"));
    ReloadEvent e = push(policy, Ed25519Keys.sign(signer.getPrivate(), policy));

    assertThat(e.result()).isEqualTo(Result.APPLIED);
    assertThat(store.live().signedBy()).isEqualTo(Ed25519Keys.fingerprint(signer.getPublic()));
  }

  @Test
  void aMissingSignatureIsRejectedWhenRequired() {
    ReloadEvent e = push(bytes(blocking("v1")), null);

    assertThat(e.result()).isEqualTo(Result.REJECTED);
    assertThat(e.errors())
        .singleElement()
        .satisfies(
            err -> {
              assertThat(err.message()).startsWith("signature: missing");
              assertThat(err.line()).isZero();
            });
    assertThat(store.live()).isNull();
  }

  @Test
  void aSignatureByAnotherKeyIsRejected() {
    byte[] policy = bytes(blocking("v1"));
    ReloadEvent e = push(policy, Ed25519Keys.sign(stranger.getPrivate(), policy));

    assertThat(e.result()).isEqualTo(Result.REJECTED);
    assertThat(e.errors().get(0).message()).startsWith("signature: does not verify");
  }

  @Test
  void aSignatureOfOtherBytesIsRejectedAndTheLastGoodStays() {
    byte[] v1 = bytes(blocking("v1"));
    push(v1, Ed25519Keys.sign(signer.getPrivate(), v1));
    byte[] v2 = bytes(blocking("v2"));
    ReloadEvent e = push(v2, Ed25519Keys.sign(signer.getPrivate(), v1));

    assertThat(e.result()).isEqualTo(Result.REJECTED);
    assertThat(store.live().version()).isEqualTo("v1");
  }

  @Test
  void garbageSignatureIsRejected() {
    assertThat(push(bytes(blocking("v1")), "not base64 !!").errors().get(0).message())
        .startsWith("signature: not a signature");
    String shortSig = Base64.getEncoder().encodeToString(new byte[12]);
    assertThat(push(bytes(blocking("v1")), shortSig).result()).isEqualTo(Result.REJECTED);
  }

  @Test
  void anUnsignedPolicyIsNotEvenParsed() {
    ReloadEvent e = push(bytes("version: [ broken"), null);
    assertThat(e.errors()).hasSize(1);
    assertThat(e.errors().get(0).message()).startsWith("signature:");
  }

  @Test
  void signatureWithLineBreakFromAFileIsAccepted() {
    byte[] policy = bytes(blocking("v1"));
    String sig = Ed25519Keys.sign(signer.getPrivate(), policy) + "\n";
    assertThat(push(policy, sig).result()).isEqualTo(Result.APPLIED);
  }

  @Test
  void withoutRequirementUnsignedIsAcceptedButABadSignatureIsNot() {
    PolicyStore optional =
        PolicyStore.builder()
            .signatures(PolicySignatures.of(List.of(signer.getPublic()), false))
            .build();
    byte[] policy = bytes(blocking("v1"));
    assertThat(optional.apply(PolicyUpdate.of(PolicySource.API, "admin-api", policy)).result())
        .isEqualTo(Result.APPLIED);
    byte[] v2 = bytes(blocking("v2"));
    assertThat(
            optional
                .apply(
                    new PolicyUpdate(
                        PolicySource.API,
                        "admin-api",
                        v2,
                        Ed25519Keys.sign(stranger.getPrivate(), v2)))
                .result())
        .isEqualTo(Result.REJECTED);
  }

  @Test
  void anyOfSeveralKeysMayVerify() {
    PolicySignatures both =
        PolicySignatures.of(List.of(stranger.getPublic(), signer.getPublic()), true);
    byte[] policy = bytes(blocking("v1"));
    PolicySignatures.Verdict v = both.check(policy, Ed25519Keys.sign(signer.getPrivate(), policy));
    assertThat(v.ok()).isTrue();
    assertThat(v.signedBy()).isEqualTo(Ed25519Keys.fingerprint(signer.getPublic()));
  }

  @Test
  void requiringSignaturesWithoutKeysIsAConfigurationError() {
    assertThatThrownBy(() -> PolicySignatures.of(List.of(), true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysRoundTripThroughPem() {
    String pub =
        Ed25519Keys.publicPem(signer.getPublic()) + Ed25519Keys.publicPem(stranger.getPublic());
    assertThat(Ed25519Keys.readPublicKeys(pub))
        .containsExactly(signer.getPublic(), stranger.getPublic());
    assertThat(Ed25519Keys.readPrivateKey(Ed25519Keys.privatePem(signer.getPrivate())).getEncoded())
        .isEqualTo(signer.getPrivate().getEncoded());
  }

  @Test
  void pemMistakesAreNamed() {
    assertThatThrownBy(() -> Ed25519Keys.readPublicKeys("hello"))
        .hasMessageContaining("no PEM PUBLIC KEY");
    assertThatThrownBy(
            () -> Ed25519Keys.readPublicKeys(Ed25519Keys.privatePem(signer.getPrivate())))
        .hasMessageContaining("PRIVATE KEY block");
    assertThatThrownBy(() -> Ed25519Keys.readPrivateKey(Ed25519Keys.publicPem(signer.getPublic())))
        .hasMessageContaining("PUBLIC KEY block");
  }
}
