package dev.agentgate.proxy.testing;

import dev.agentgate.policy.store.PolicyListener;
import dev.agentgate.policy.store.PolicySnapshot;
import dev.agentgate.proxy.admin.AdminToken;
import dev.agentgate.proxy.admin.PolicyApi;
import dev.agentgate.proxy.admin.PolicyStatus;
import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.config.ProxyConfig.PolicyOptions;
import dev.agentgate.proxy.observe.metrics.ProxyMetrics;
import dev.agentgate.proxy.observe.metrics.ReloadSource;
import dev.agentgate.proxy.reload.PolicyMetrics;
import dev.agentgate.proxy.reload.PolicyRuntime;
import dev.agentgate.proxy.server.ProxyServer;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The proxy as {@code agentgate run} wires it: a policy file polled every 100 ms, the policy store
 * deciding, and the admin policy API behind a bearer token, on loopback port 0.
 */
public final class ReloadingProxy implements AutoCloseable {
  public static final Duration POLL = Duration.ofMillis(100);

  public final Path policyFile;
  public final String token;
  private final PolicyRuntime runtime;
  private final ProxyMetrics metrics;
  private final ProxyServer server;
  private final HttpClient admin =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private ReloadingProxy(ProxyConfig config, String token, PolicyListener listener)
      throws Exception {
    this.policyFile = config.policyFile();
    this.token = token;
    this.runtime = PolicyRuntime.start(config, listener);
    this.metrics = new ProxyMetrics(runtime.store().live().policy().catalog().ids());
    metrics.policyLoaded(ReloadSource.STARTUP, runtime.store().live().policy());
    runtime.addListener(new PolicyMetrics(metrics));
    runtime.watch();
    AdminToken adminToken = AdminToken.load(config.policyOptions().adminTokenFile());
    PolicyApi api =
        new PolicyApi(runtime.store(), runtime.shadow(), runtime.reloader(), adminToken);
    this.server =
        ProxyServer.builder(config)
            .policy(runtime.engine(), () -> status(runtime.store().live()))
            .policyApi(api)
            .metrics(metrics)
            .start();
  }

  /**
   * Writes {@code policy} to {@code dir/policy.yaml} and a token file, then starts the proxy for
   * {@code upstream} with {@code options} applied to the policy options.
   */
  public static ReloadingProxy start(
      TestUpstream upstream,
      Path dir,
      String policy,
      UnaryOperator<PolicyOptions> options,
      PolicyListener listener)
      throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, policy);
    return start(upstream, dir, file, options, listener);
  }

  /** As above, but the policy file is {@code file}, which the test has written already. */
  public static ReloadingProxy start(
      TestUpstream upstream,
      Path dir,
      Path file,
      UnaryOperator<PolicyOptions> options,
      PolicyListener listener)
      throws Exception {
    byte[] random = new byte[24];
    new Random().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    Path tokenFile = Files.writeString(dir.resolve("admin-token"), token + "\n");
    PolicyOptions o = options.apply(new PolicyOptions(POLL, null, false, null, tokenFile));
    ProxyConfig config = ProxyFixture.config(upstream).withPolicy(file, o);
    return new ReloadingProxy(config, token, listener);
  }

  public static ReloadingProxy start(TestUpstream upstream, Path dir, String policy)
      throws Exception {
    return start(upstream, dir, policy, o -> o, PolicyListener.NONE);
  }

  public PolicyRuntime runtime() {
    return runtime;
  }

  public int port() {
    return server.proxyAddresses().get(0).getPort();
  }

  public URI adminUri(String path) {
    return URI.create("http://127.0.0.1:" + server.adminAddress().getPort() + path);
  }

  /** An admin request with the right token and {@code headers}; {@code body} null for none. */
  public HttpResponse<String> admin(
      String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(adminUri(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token);
    headers.forEach(b::header);
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return admin.send(b.build(), BodyHandlers.ofString());
  }

  public HttpResponse<String> admin(String method, String path, String body) throws Exception {
    return admin(method, path, body, Map.of());
  }

  /** A JDK HttpClient using this proxy. */
  public HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port())))
        .build();
  }

  private static PolicyStatus status(PolicySnapshot live) {
    return live == null ? null : new PolicyStatus(live.version(), live.contentHash());
  }

  @Override
  public void close() {
    server.close();
    runtime.close();
    metrics.close();
  }
}
