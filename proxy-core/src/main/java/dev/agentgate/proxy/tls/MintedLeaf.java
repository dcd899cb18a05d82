package dev.agentgate.proxy.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A leaf certificate with its private key and the chain served after it.
 *
 * @param name the host it certifies
 * @param key the leaf's private key (never leaves the process)
 * @param chain the leaf first, then the CA chain
 * @param mintedAt when it was minted
 */
public record MintedLeaf(
    LeafName name, PrivateKey key, List<X509Certificate> chain, Instant mintedAt) {

  public MintedLeaf {
    chain = List.copyOf(chain);
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }

  public Instant notAfter() {
    return certificate().getNotAfter().toInstant();
  }

  /** How long a cache may keep it: at most half its remaining life, so it is never served stale. */
  public Duration residency(Duration maximum) {
    Duration half = Duration.between(mintedAt, notAfter()).dividedBy(2);
    return half.compareTo(maximum) < 0 ? half : maximum;
  }

  @Override
  public String toString() {
    // The record's default toString would print the private key object.
    return "MintedLeaf[" + name.value() + ", notAfter=" + notAfter() + "]";
  }
}
