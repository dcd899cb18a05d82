package dev.agentgate.proxy.pipeline.intercept;

import dev.agentgate.policy.match.HostSet;
import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.observe.metrics.CertificateCacheStats;
import dev.agentgate.proxy.observe.metrics.ProxyMetrics;
import dev.agentgate.proxy.pipeline.Interceptor;
import dev.agentgate.proxy.pipeline.ProxyServices;
import dev.agentgate.proxy.tls.CaStore;
import dev.agentgate.proxy.tls.CertificateAuthority;
import dev.agentgate.proxy.tls.LeafMinter;
import dev.agentgate.proxy.tls.LeafSettings;
import dev.agentgate.proxy.tls.MintExecutor;
import dev.agentgate.proxy.tls.MintedCertificates;
import dev.agentgate.proxy.tls.TlsConfigException;
import dev.agentgate.proxy.tls.UpstreamTls;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * TLS interception as configured: the CA (PEM files, or the data directory {@code agentgate ca
 * init} wrote), the upstream trust, the certificate cache, the splice list and the bounded worker
 * pool (minting and large redactions). Without a CA interception is unavailable: tunnels the policy
 * wants to look inside are refused, hosts on the splice list are still spliced. Close it after the
 * proxy has shut down.
 */
public final class Interception implements AutoCloseable {
  private static final Duration BACKDATE = Duration.ofHours(1);
  private static final Duration MAX_RESIDENCY = Duration.ofHours(12);
  private static final int WORK_QUEUE = 256;

  private final Interceptor interceptor;
  private final String summary;
  private final ThreadPoolExecutor workers;

  private Interception(Interceptor interceptor, String summary, ThreadPoolExecutor workers) {
    this.interceptor = interceptor;
    this.summary = summary;
    this.workers = workers;
  }

  /**
   * Loads the CA and builds the interceptor.
   *
   * @param metrics told mint times and the cache's counts, or null
   * @throws TlsConfigException when a configured CA, key or bundle cannot be used (one line)
   */
  public static Interception start(
      ProxyConfig.Interception config, Redactors redactors, ProxyMetrics metrics, Clock clock)
      throws TlsConfigException {
    HostSet splice = HostSet.of(config.splice());
    CertificateAuthority ca = loadCa(config, clock);
    if (ca == null) {
      return new Interception(
          new SpliceOnly(splice),
          "TLS interception unavailable: no CA in "
              + CaStore.certFile(config.dataDir())
              + " and no interception.ca_cert (create one with `agentgate ca init`); tunnels the"
              + " policy wants to look inside are refused",
          null);
    }
    UpstreamTls upstream = UpstreamTls.create(config.upstreamCaBundle());
    Duration validity = config.leafValidity();
    Duration half = validity.dividedBy(2);
    LeafSettings settings =
        new LeafSettings(
            validity,
            BACKDATE,
            half.compareTo(MAX_RESIDENCY) < 0 ? half : MAX_RESIDENCY,
            config.cacheSize());
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    ThreadPoolExecutor workers = MintExecutor.create("agentgate-tls-work", threads, WORK_QUEUE);
    MintedCertificates certificates =
        new MintedCertificates(
            new LeafMinter(ca, settings, clock, new SecureRandom()),
            settings,
            workers,
            metrics == null ? MintedCertificates.MintListener.NONE : metrics::certificateMint);
    if (metrics != null) {
      metrics.bindCertificateCache(cacheStats(certificates));
    }
    TlsInterceptor interceptor =
        new TlsInterceptor(
            new TlsInterceptor.Parts(certificates, upstream, redactors, workers), splice);
    String summary =
        "TLS interception on: CA \""
            + ca.certificate().getSubjectX500Principal().getName()
            + "\" (SHA-256 "
            + ca.sha256Fingerprint()
            + "), "
            + config.splice().size()
            + " splice-listed host patterns"
            + (config.upstreamCaBundle() == null
                ? ""
                : ", upstream trust + " + config.upstreamCaBundle())
            + (ca.warnings().isEmpty() ? "" : "; " + String.join("; ", ca.warnings()));
    return new Interception(interceptor, summary, workers);
  }

  /** The CA from the configured files, else from the data directory, else null. */
  private static CertificateAuthority loadCa(ProxyConfig.Interception config, Clock clock)
      throws TlsConfigException {
    if (config.caCert() != null) {
      return CertificateAuthority.load(config.caCert(), config.caKey(), clock);
    }
    if (CaStore.exists(config.dataDir())) {
      return CaStore.load(config.dataDir(), clock);
    }
    return null;
  }

  private static CertificateCacheStats cacheStats(MintedCertificates certificates) {
    return new CertificateCacheStats() {
      @Override
      public long entries() {
        return certificates.size();
      }

      @Override
      public long hits() {
        return certificates.hits();
      }

      @Override
      public long misses() {
        return certificates.misses();
      }
    };
  }

  public Interceptor interceptor() {
    return interceptor;
  }

  /** One line for the start-up log: on (with the CA) or unavailable (and why). */
  public String summary() {
    return summary;
  }

  public boolean available() {
    return interceptor.available();
  }

  @Override
  public void close() {
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  /** Interception unavailable, but the splice list still splices. */
  private record SpliceOnly(HostSet splice) implements Interceptor {
    @Override
    public boolean available() {
      return false;
    }

    @Override
    public boolean splices(String host) {
      return splice.matches(host);
    }

    @Override
    public void intercept(
        ProxyServices services, Channel client, Tunnel tunnel, ByteBuf clientHello) {
      Interceptor.NONE.intercept(services, client, tunnel, clientHello);
    }
  }
}
