package dev.agentgate.policy.store;

import java.util.Objects;

/**
 * A policy text offered to a store.
 *
 * @param source where it came from
 * @param origin a name for errors and audit: the file path, or "admin-api"
 * @param content the policy file's bytes exactly as signed (UTF-8 YAML)
 * @param signature the detached Ed25519 signature over {@code content} as written in a {@code .sig}
 *     file or header (base64 text), or {@code null} when none came with it
 */
public record PolicyUpdate(PolicySource source, String origin, byte[] content, String signature) {

  public PolicyUpdate {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(content, "content");
  }

  /** An unsigned update. */
  public static PolicyUpdate of(PolicySource source, String origin, byte[] content) {
    return new PolicyUpdate(source, origin, content, null);
  }
}
