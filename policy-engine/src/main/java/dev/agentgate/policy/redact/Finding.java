package dev.agentgate.policy.redact;

import java.util.Objects;

/**
 * One kind of secret found at one place, for the audit log and metrics. It never holds the value:
 * only a short hash, enough to tell whether the same secret shows up again.
 *
 * @param detector the detector's name (also the placeholder type)
 * @param path where it was: a JSON path such as {@code $.messages[2].content[0].text}, or {@code $}
 *     for a text body
 * @param count how many times this value occurred at this path
 * @param hash first 12 hex chars of the SHA-256 of the value (UTF-8)
 */
public record Finding(String detector, String path, int count, String hash) {
  public Finding {
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(hash, "hash");
  }
}
