package dev.agentgate.policy.redact.body;

import java.io.ByteArrayOutputStream;

/**
 * Builds a copy of a byte array with some ranges replaced. Replacements must come in increasing,
 * non-overlapping order (the order a parser meets them); untouched bytes are copied verbatim.
 */
final class ByteSplicer {

  private final byte[] source;
  private final ByteArrayOutputStream out;
  private int copiedUpTo;
  private boolean changed;

  ByteSplicer(byte[] source) {
    this.source = source;
    this.out = new ByteArrayOutputStream(source.length);
  }

  /** Replaces {@code source[start, end)} by {@code replacement}. */
  void replace(int start, int end, byte[] replacement) {
    if (start < copiedUpTo || end < start || end > source.length) {
      throw new IllegalArgumentException("replacements must be in order and in bounds");
    }
    out.write(source, copiedUpTo, start - copiedUpTo);
    out.write(replacement, 0, replacement.length);
    copiedUpTo = end;
    changed = true;
  }

  boolean changed() {
    return changed;
  }

  byte[] result() {
    out.write(source, copiedUpTo, source.length - copiedUpTo);
    copiedUpTo = source.length;
    return out.toByteArray();
  }
}
