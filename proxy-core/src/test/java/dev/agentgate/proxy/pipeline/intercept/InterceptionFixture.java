package dev.agentgate.proxy.pipeline.intercept;

import dev.agentgate.policy.agents.AgentCatalog;
import dev.agentgate.policy.lang.CompiledPolicy;
import dev.agentgate.policy.lang.PolicyCompiler;
import dev.agentgate.policy.match.HostPattern;
import dev.agentgate.proxy.admin.PolicyStatus;
import dev.agentgate.proxy.config.HostPort;
import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.observe.ConnectionObserver;
import dev.agentgate.proxy.observe.audit.AuditEvent;
import dev.agentgate.proxy.observe.audit.AuditObserver;
import dev.agentgate.proxy.observe.audit.AuditSink;
import dev.agentgate.proxy.observe.metrics.ProxyMetrics;
import dev.agentgate.proxy.server.ProxyServer;
import dev.agentgate.proxy.testing.RecordingObserver;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.tls.CaGenerator;
import dev.agentgate.proxy.tls.CaSpec;
import dev.agentgate.proxy.tls.CaStore;
import dev.agentgate.proxy.tls.CertificateAuthority;
import dev.agentgate.proxy.upstream.CidrRange;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The proxy in-process with interception on: its CA made by the real generator in a data directory,
 * the fake model API behind vendor host names (routing overrides) and trusted through {@code
 * upstream_ca_bundle}, a second server whose certificate nobody trusts, a splice-listed host, a
 * policy compiled from YAML, and the audit events and metrics it produces.
 */
final class InterceptionFixture implements AutoCloseable {
  static final String ANTHROPIC = "api.anthropic.com";
  static final String OPENAI = "api.openai.com";

  /** Served by the fake API, on the splice list: never intercepted. */
  static final String PINNED = "pinned.example.test";

  /** Served by a server whose certificate comes from a CA the proxy does not trust. */
  static final String UNTRUSTED = "untrusted.example.test";

  final RecordingObserver observer = new RecordingObserver();
  final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  final FakeModelApi api;
  final TestCa apiCa;
  final CertificateAuthority proxyCa;
  private final FakeModelApi untrusted;
  private final ProxyMetrics metrics = new ProxyMetrics(AgentCatalog.builtIn().ids());
  private final AtomicReference<CompiledPolicy> policy = new AtomicReference<>();
  private final AtomicReference<Redactors> redactors = new AtomicReference<>(Redactors.NONE);
  private final Interception interception;
  private final ProxyServer server;

  InterceptionFixture(Path dir, String policyYaml) throws Exception {
    apiCa = TestCa.create(ANTHROPIC, OPENAI, PINNED);
    api = new FakeModelApi(apiCa);
    untrusted = new FakeModelApi(TestCa.named("a CA the proxy does not trust", UNTRUSTED));
    proxyCa = new CaGenerator(Clock.systemUTC(), new SecureRandom()).create(CaSpec.defaults());
    Path data = dir.resolve("data");
    CaStore.write(proxyCa, data, false);
    policy(policyYaml);
    HostPort fake = new HostPort("127.0.0.1", api.port());
    ProxyConfig config =
        ProxyConfig.defaults()
            .withListeners(List.of(new HostPort("127.0.0.1", 0)), null)
            .withTimeouts(
                new ProxyConfig.Timeouts(
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(10),
                    Duration.ZERO))
            .withUpstream(
                new ProxyConfig.Upstream(
                    Set.of(443),
                    List.of(CidrRange.parse("127.0.0.1/32")),
                    Map.of(
                        ANTHROPIC, fake,
                        OPENAI, fake,
                        PINNED, fake,
                        UNTRUSTED, new HostPort("127.0.0.1", untrusted.port()))))
            .withInterception(
                new ProxyConfig.Interception(
                    null,
                    null,
                    data,
                    List.of(HostPattern.parse(PINNED)),
                    apiCa.writeCaPem(dir),
                    100,
                    Duration.ofHours(24)));
    interception =
        Interception.start(
            config.interception(), id -> redactors.get().forId(id), metrics, Clock.systemUTC());
    AuditSink sink =
        new AuditSink() {
          @Override
          public boolean record(AuditEvent event) {
            return audit.add(event);
          }

          @Override
          public boolean acceptingNewConnections() {
            return true;
          }

          @Override
          public long droppedCount() {
            return 0;
          }
        };
    server =
        ProxyServer.builder(config)
            .policy(r -> policy.get().evaluate(r), () -> new PolicyStatus("test", "0000"))
            .observer(
                ConnectionObserver.all(
                    List.of(observer, new AuditObserver(sink, () -> "test", Clock.systemUTC()))))
            .metrics(metrics)
            .interceptor(interception.interceptor())
            .start();
  }

  /** Compiles {@code yaml} and makes it (and its redactors) live. */
  void policy(String yaml) {
    CompiledPolicy compiled = PolicyCompiler.compile("test-policy.yaml", yaml).orElseThrow();
    redactors.set(Redactors.of(compiled));
    policy.set(compiled);
  }

  void clear() {
    observer.clear();
    audit.clear();
    api.received.clear();
  }

  int port() {
    return server.proxyAddresses().get(0).getPort();
  }

  String scrape() {
    return metrics.scrape();
  }

  /** A JDK HttpClient through the proxy, trusting only the proxy's CA. */
  HttpClient client() throws Exception {
    return client(trusting(proxyCa.certificate()));
  }

  /** A JDK HttpClient through the proxy with the given trust. */
  HttpClient client(SSLContext tls) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port())))
        .sslContext(tls)
        .build();
  }

  static SSLContext trusting(java.security.cert.X509Certificate ca) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), new SecureRandom());
    return context;
  }

  /** The audit events of one type. */
  List<AuditEvent> audit(AuditEvent.Type type) {
    return audit.stream().filter(e -> e.type() == type).toList();
  }

  @Override
  public void close() {
    server.close();
    interception.close();
    metrics.close();
    api.close();
    untrusted.close();
  }
}
