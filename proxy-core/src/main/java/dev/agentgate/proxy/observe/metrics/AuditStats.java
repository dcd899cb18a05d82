package dev.agentgate.proxy.observe.metrics;

/**
 * What the audit writer reports; it binds itself with {@link ProxyMetrics#bindAudit}. Called on
 * each scrape, from the scraping thread.
 */
public interface AuditStats {
  /** Reports zeros until the real writer is bound. */
  AuditStats NONE =
      new AuditStats() {
        @Override
        public long written() {
          return 0;
        }

        @Override
        public long dropped() {
          return 0;
        }
      };

  /** Events durably appended to the audit log since start (monotonic). */
  long written();

  /** Events lost (queue full, write failure) since start (monotonic). */
  long dropped();
}
