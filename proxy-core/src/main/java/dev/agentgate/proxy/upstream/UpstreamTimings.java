package dev.agentgate.proxy.upstream;

/**
 * Told how long the network steps before an upstream exchange took (metrics implement it). Called
 * on event loops, so implementations only record.
 */
public interface UpstreamTimings {
  /** Records nothing. */
  UpstreamTimings NONE =
      new UpstreamTimings() {
        @Override
        public void nameResolved(long nanos) {}

        @Override
        public void connected(long nanos) {}
      };

  /** A host name lookup succeeded after {@code nanos} (literal addresses are not lookups). */
  void nameResolved(long nanos);

  /** A TCP connect to an upstream succeeded after {@code nanos}, fallback addresses included. */
  void connected(long nanos);
}
