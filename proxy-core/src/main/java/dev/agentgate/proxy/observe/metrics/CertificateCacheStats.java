package dev.agentgate.proxy.observe.metrics;

/**
 * What the minted-certificate cache reports; the TLS component implements it (for example over
 * Caffeine's {@code stats()}) and binds it with {@link ProxyMetrics#bindCertificateCache}. Called
 * on each scrape, from the scraping thread.
 */
public interface CertificateCacheStats {
  /** Reports zeros until the real cache is bound. */
  CertificateCacheStats NONE =
      new CertificateCacheStats() {
        @Override
        public long entries() {
          return 0;
        }

        @Override
        public long hits() {
          return 0;
        }

        @Override
        public long misses() {
          return 0;
        }
      };

  /** Certificates cached now (an estimate is fine). */
  long entries();

  /** Lookups answered from the cache since start (monotonic). */
  long hits();

  /** Lookups that had to mint since start (monotonic). */
  long misses();
}
