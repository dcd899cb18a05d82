package dev.agentgate.proxy.testing;

import dev.agentgate.policy.PolicyEngine;
import dev.agentgate.policy.agents.AgentCatalog;
import dev.agentgate.policy.lang.CompiledPolicy;
import dev.agentgate.policy.lang.PolicyCompiler;
import dev.agentgate.proxy.admin.PolicyStatus;
import dev.agentgate.proxy.config.HostPort;
import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.observe.metrics.ProxyMetrics;
import dev.agentgate.proxy.observe.metrics.ReloadSource;
import dev.agentgate.proxy.server.ProxyServer;
import dev.agentgate.proxy.upstream.CidrRange;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * The proxy running in-process on loopback port 0, pointed at a {@link TestUpstream} through host
 * overrides, with a policy the test can swap and an observer that records what happened.
 */
public final class ProxyFixture implements AutoCloseable {
  /** Served by the HTTPS upstream (the test certificate names it). */
  public static final String TLS_HOST = "api.example.test";

  /** Also served by the HTTPS upstream and named by its certificate. */
  public static final String OTHER_TLS_HOST = "other.example.test";

  /** Served by the plain HTTP upstream. */
  public static final String HTTP_HOST = "plain.example.test";

  /** Overridden to a private address: the destination guard must refuse it. */
  public static final String PRIVATE_HOST = "internal.example.test";

  public final RecordingObserver observer = new RecordingObserver();
  private final AtomicReference<PolicyEngine> policy = new AtomicReference<>(Policies.ALLOW_ALL);
  private final ProxyMetrics metrics = new ProxyMetrics(AgentCatalog.builtIn().ids());
  private final ProxyServer server;

  private ProxyFixture(ProxyConfig config, Extras extras) throws Exception {
    PolicyEngine delegating = r -> policy.get().evaluate(r);
    try {
      server =
          extras
              .apply(
                  ProxyServer.builder(config)
                      .policy(delegating, () -> new PolicyStatus("test", "0000"))
                      .observer(observer)
                      .metrics(metrics),
                  observer)
              .start();
    } catch (Exception e) {
      metrics.close();
      throw e;
    }
  }

  /** More collaborators for the server (identity, audit), given the recording observer. */
  @FunctionalInterface
  public interface Extras {
    ProxyServer.Builder apply(ProxyServer.Builder builder, RecordingObserver observer);
  }

  /** A proxy for {@code upstream} with a customized config and more collaborators. */
  public static ProxyFixture start(
      TestUpstream upstream, UnaryOperator<ProxyConfig> customize, Extras extras) throws Exception {
    return new ProxyFixture(customize.apply(config(upstream)), extras);
  }

  /** A proxy for {@code upstream}, with {@code customize} applied to the test config. */
  public static ProxyFixture start(TestUpstream upstream, UnaryOperator<ProxyConfig> customize)
      throws Exception {
    return new ProxyFixture(customize.apply(config(upstream)), (b, o) -> b);
  }

  public static ProxyFixture start(TestUpstream upstream) throws Exception {
    return start(upstream, c -> c);
  }

  /** The config the tests start from: loopback allowed, test hosts mapped to the upstream. */
  public static ProxyConfig config(TestUpstream upstream) {
    ProxyConfig d = ProxyConfig.defaults();
    return d.withListeners(List.of(new HostPort("127.0.0.1", 0)), new HostPort("127.0.0.1", 0))
        .withUpstream(
            new ProxyConfig.Upstream(
                Set.of(443),
                List.of(CidrRange.parse("127.0.0.1/32")),
                Map.of(
                    TLS_HOST, new HostPort("127.0.0.1", upstream.httpsPort()),
                    OTHER_TLS_HOST, new HostPort("127.0.0.1", upstream.httpsPort()),
                    HTTP_HOST, new HostPort("127.0.0.1", upstream.httpPort()),
                    PRIVATE_HOST, new HostPort("10.1.2.3", 443))));
  }

  public void policy(PolicyEngine value) {
    policy.set(value);
  }

  /**
   * Compiles {@code yaml} with the real policy compiler and makes it the policy, as a reload
   * through the admin API would (its rule meters replace the previous policy's).
   */
  public void policyYaml(String yaml) {
    CompiledPolicy compiled = PolicyCompiler.compile("test-policy.yaml", yaml).orElseThrow();
    policy.set(compiled);
    metrics.policyLoaded(ReloadSource.API, compiled);
  }

  /** The proxy's meters (labelled with the built-in catalog's agents), served on /metrics. */
  public ProxyMetrics metrics() {
    return metrics;
  }

  public ProxyServer server() {
    return server;
  }

  public int port() {
    return server.proxyAddresses().get(0).getPort();
  }

  public InetSocketAddress adminAddress() {
    return server.adminAddress();
  }

  /** A JDK HttpClient using this proxy, trusting {@code tls} (may be null for plain HTTP). */
  public HttpClient client(SSLContext tls) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port())));
    if (tls != null) {
      b.sslContext(tls);
    }
    return b.build();
  }

  @Override
  public void close() {
    server.close();
    metrics.close();
  }
}
