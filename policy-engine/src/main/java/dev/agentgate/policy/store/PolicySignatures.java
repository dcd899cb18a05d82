package dev.agentgate.policy.store;

import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

/**
 * Who may sign policies, and whether they must: the configured Ed25519 public keys. With {@code
 * required}, a policy without a signature that verifies with one of the keys is rejected whatever
 * its source. Without it, an unsigned policy is accepted, but a signature that comes along is still
 * checked (a bad signature is never ignored) when keys are configured.
 */
public final class PolicySignatures {
  /** No keys, nothing required: every policy is accepted unsigned. */
  public static final PolicySignatures NONE = new PolicySignatures(List.of(), false);

  static final String EXPECTED =
      "a detached Ed25519 signature: the file's .sig next to it, or the X-Agentgate-Signature"
          + " header";

  private final List<PublicKey> keys;
  private final boolean required;

  private PolicySignatures(List<PublicKey> keys, boolean required) {
    this.keys = List.copyOf(keys);
    this.required = required;
  }

  /**
   * @throws IllegalArgumentException when {@code required} and there are no keys
   */
  public static PolicySignatures of(List<PublicKey> keys, boolean required) {
    if (required && keys.isEmpty()) {
      throw new IllegalArgumentException("signatures are required but no public key is configured");
    }
    return new PolicySignatures(keys, required);
  }

  public boolean required() {
    return required;
  }

  /** The fingerprints of the configured keys. */
  public List<String> keyFingerprints() {
    return keys.stream().map(Ed25519Keys::fingerprint).toList();
  }

  /**
   * Checks {@code signatureText} (base64, whitespace allowed; {@code null} when absent) over {@code
   * content}.
   */
  public Verdict check(byte[] content, String signatureText) {
    if (signatureText == null || signatureText.isBlank()) {
      return required
          ? Verdict.failed("signature: missing (expected: " + EXPECTED + ")")
          : Verdict.UNSIGNED;
    }
    if (keys.isEmpty()) {
      return Verdict.UNSIGNED;
    }
    byte[] raw;
    try {
      raw = Base64.getMimeDecoder().decode(signatureText.strip());
    } catch (IllegalArgumentException e) {
      raw = null;
    }
    if (raw == null || raw.length != Ed25519Keys.SIGNATURE_BYTES) {
      return Verdict.failed(
          "signature: not a signature (expected: 64 bytes of Ed25519 signature in base64)");
    }
    for (PublicKey key : keys) {
      if (Ed25519Keys.verify(key, content, raw)) {
        return new Verdict(true, Ed25519Keys.fingerprint(key), null);
      }
    }
    return Verdict.failed(
        "signature: does not verify (expected: a signature of these exact bytes by one of "
            + keyFingerprints()
            + ")");
  }

  /**
   * @param ok the policy may be applied
   * @param signedBy the verifying key's fingerprint, or {@code null} when unsigned
   * @param error why not, in the form {@code signature: ... (expected: ...)}
   */
  public record Verdict(boolean ok, String signedBy, String error) {
    static final Verdict UNSIGNED = new Verdict(true, null, null);

    static Verdict failed(String error) {
      return new Verdict(false, null, error);
    }
  }
}
