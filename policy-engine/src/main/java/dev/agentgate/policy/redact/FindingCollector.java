package dev.agentgate.policy.redact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers findings during one redaction, counting repeats of the same value at the same path.
 * Values are hashed on arrival and never kept. One instance per redaction; not thread-safe.
 */
public final class FindingCollector {

  private record Key(String detector, String path, String hash) {}

  private final Map<Key, Integer> counts = new LinkedHashMap<>();
  // Created on the first finding: most bodies have none.
  private MessageDigest sha256;

  /** Records that {@code detector} found {@code value} at {@code path}. */
  public void add(String detector, String path, CharSequence value) {
    counts.merge(new Key(detector, path, shortHash(value)), 1, Integer::sum);
  }

  public boolean isEmpty() {
    return counts.isEmpty();
  }

  public List<Finding> findings() {
    List<Finding> out = new ArrayList<>(counts.size());
    counts.forEach((k, n) -> out.add(new Finding(k.detector(), k.path(), n, k.hash())));
    return List.copyOf(out);
  }

  private String shortHash(CharSequence value) {
    if (sha256 == null) {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
    }
    byte[] digest = sha256.digest(value.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 6);
  }
}
