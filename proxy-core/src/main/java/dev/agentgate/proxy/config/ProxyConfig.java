package dev.agentgate.proxy.config;

import dev.agentgate.policy.match.HostPattern;
import dev.agentgate.proxy.identity.IdentityConfig;
import dev.agentgate.proxy.observe.audit.AuditConfig;
import dev.agentgate.proxy.upstream.CidrRange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@code agentgate run} needs to start. {@link #defaults()} is what runs with no config
 * file: proxy on 127.0.0.1:3128, admin on 127.0.0.1:9090, the embedded default policy.
 *
 * @param proxyListeners addresses the forward proxy listens on (at least one)
 * @param adminListener the admin and metrics listener, or {@code null} when disabled
 * @param policyFile the policy to load, or {@code null} for the embedded default policy
 * @param audit the audit log ({@link AuditConfig#off()} for none)
 * @param identity who clients are ({@link IdentityConfig#none()}: everyone anonymous)
 * @param ioThreads event loop threads; 0 means one per available CPU
 * @param policyOptions hot reload, signatures, shadow policy and the admin policy API
 * @param interception the CA, splice list and upstream trust for TLS interception
 */
public record ProxyConfig(
    List<HostPort> proxyListeners,
    HostPort adminListener,
    Path policyFile,
    AuditConfig audit,
    IdentityConfig identity,
    int ioThreads,
    Timeouts timeouts,
    Limits limits,
    Upstream upstream,
    PolicyOptions policyOptions,
    Interception interception) {

  public ProxyConfig {
    proxyListeners = List.copyOf(proxyListeners);
    if (proxyListeners.isEmpty()) {
      throw new IllegalArgumentException("at least one proxy listener");
    }
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(policyOptions, "policyOptions");
    Objects.requireNonNull(interception, "interception");
  }

  /** The configuration used when {@code agentgate run} gets no config file. */
  public static ProxyConfig defaults() {
    return new ProxyConfig(
        List.of(new HostPort("127.0.0.1", 3128)),
        new HostPort("127.0.0.1", 9090),
        null,
        AuditConfig.off(),
        IdentityConfig.none(),
        0,
        Timeouts.DEFAULTS,
        Limits.DEFAULTS,
        Upstream.DEFAULTS,
        PolicyOptions.DEFAULTS,
        Interception.DEFAULTS);
  }

  /** A copy with other listeners; tests bind port 0. */
  public ProxyConfig withListeners(List<HostPort> proxy, HostPort admin) {
    return new ProxyConfig(
        proxy,
        admin,
        policyFile,
        audit,
        identity,
        ioThreads,
        timeouts,
        limits,
        upstream,
        policyOptions,
        interception);
  }

  /** A copy with another identity configuration. */
  public ProxyConfig withIdentity(IdentityConfig value) {
    return new ProxyConfig(
        proxyListeners,
        adminListener,
        policyFile,
        audit,
        value,
        ioThreads,
        timeouts,
        limits,
        upstream,
        policyOptions,
        interception);
  }

  /** A copy with another audit configuration. */
  public ProxyConfig withAudit(AuditConfig value) {
    return new ProxyConfig(
        proxyListeners,
        adminListener,
        policyFile,
        value,
        identity,
        ioThreads,
        timeouts,
        limits,
        upstream,
        policyOptions,
        interception);
  }

  /** A copy with other timeouts. */
  public ProxyConfig withTimeouts(Timeouts value) {
    return new ProxyConfig(
        proxyListeners,
        adminListener,
        policyFile,
        audit,
        identity,
        ioThreads,
        value,
        limits,
        upstream,
        policyOptions,
        interception);
  }

  /** A copy with other limits. */
  public ProxyConfig withLimits(Limits value) {
    return new ProxyConfig(
        proxyListeners,
        adminListener,
        policyFile,
        audit,
        identity,
        ioThreads,
        timeouts,
        value,
        upstream,
        policyOptions,
        interception);
  }

  /** A copy with other upstream settings. */
  public ProxyConfig withUpstream(Upstream value) {
    return new ProxyConfig(
        proxyListeners,
        adminListener,
        policyFile,
        audit,
        identity,
        ioThreads,
        timeouts,
        limits,
        value,
        policyOptions,
        interception);
  }

  /** A copy with another policy file and policy options. */
  public ProxyConfig withPolicy(Path file, PolicyOptions options) {
    return new ProxyConfig(
        proxyListeners,
        adminListener,
        file,
        audit,
        identity,
        ioThreads,
        timeouts,
        limits,
        upstream,
        options,
        interception);
  }

  /** A copy with other interception settings. */
  public ProxyConfig withInterception(Interception value) {
    return new ProxyConfig(
        proxyListeners,
        adminListener,
        policyFile,
        audit,
        identity,
        ioThreads,
        timeouts,
        limits,
        upstream,
        policyOptions,
        value);
  }

  /**
   * @param connect TCP connect to the upstream
   * @param idle a tunnel or keep-alive connection with no bytes either way is closed after this
   * @param requestHead a request head (or a tunnel's ClientHello) must arrive within this
   * @param drain on shutdown, open connections get this long to finish
   */
  public record Timeouts(Duration connect, Duration idle, Duration requestHead, Duration drain) {
    public static final Timeouts DEFAULTS =
        new Timeouts(
            Duration.ofSeconds(10),
            Duration.ofMinutes(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30));
  }

  /**
   * @param maxHeaderSize bytes of request line plus headers a client may send
   * @param maxConnectionsPerClient open connections one client address may hold
   */
  public record Limits(int maxHeaderSize, int maxConnectionsPerClient) {
    public static final Limits DEFAULTS = new Limits(32 * 1024, 512);
  }

  /**
   * @param connectPorts ports a CONNECT may target without a policy rule allowing it
   * @param allowedPrivateRanges special-purpose ranges (loopback, private, ...) the proxy may
   *     connect to anyway; empty in production
   * @param overrides host to address:port, bypassing DNS (tests, staging)
   */
  public record Upstream(
      Set<Integer> connectPorts,
      List<CidrRange> allowedPrivateRanges,
      Map<String, HostPort> overrides) {
    public static final Upstream DEFAULTS = new Upstream(Set.of(443), List.of(), Map.of());

    public Upstream {
      connectPorts = Set.copyOf(connectPorts);
      allowedPrivateRanges = List.copyOf(allowedPrivateRanges);
      overrides = Map.copyOf(overrides);
    }
  }

  /**
   * How the policy is reloaded and who may change it.
   *
   * @param pollInterval how often the policy file (and the shadow policy file) is read
   * @param shadowPolicy a policy evaluated beside the live one, never enforced, or {@code null}
   * @param requireSignature apply only policies with a valid Ed25519 signature by {@code publicKey}
   * @param publicKey a PEM file of one or more Ed25519 public keys, or {@code null}
   * @param adminTokenFile the file holding the admin policy API's bearer token, or {@code null}
   *     (the {@code /v1} API is off)
   */
  public record PolicyOptions(
      Duration pollInterval,
      Path shadowPolicy,
      boolean requireSignature,
      Path publicKey,
      Path adminTokenFile) {
    public static final PolicyOptions DEFAULTS =
        new PolicyOptions(Duration.ofSeconds(2), null, false, null, null);

    public PolicyOptions {
      Objects.requireNonNull(pollInterval, "pollInterval");
    }
  }

  /**
   * TLS interception: where the CA is, which hosts are never intercepted, whom to trust upstream,
   * and how minted certificates are made and cached.
   *
   * @param caCert PEM file of the CA certificate (a Kubernetes Secret's {@code tls.crt}), or null
   * @param caKey PEM file of the CA's private key; given exactly when {@code caCert} is
   * @param dataDir where {@code agentgate ca init} wrote {@code ca.pem} and {@code ca-key.pem};
   *     read when no {@code caCert} is given
   * @param splice hosts never intercepted (clients that pin certificates)
   * @param upstreamCaBundle a PEM file of roots trusted for upstream servers besides the system's,
   *     or null
   * @param cacheSize the most hosts whose minted certificates are cached
   * @param leafValidity how long a minted certificate is valid
   */
  public record Interception(
      Path caCert,
      Path caKey,
      Path dataDir,
      List<HostPattern> splice,
      Path upstreamCaBundle,
      int cacheSize,
      Duration leafValidity) {
    /** The directory {@code agentgate ca init} writes to by default (the working directory's). */
    public static final Path DEFAULT_DATA_DIR = Path.of("data");

    public static final Interception DEFAULTS =
        new Interception(null, null, DEFAULT_DATA_DIR, List.of(), null, 1000, Duration.ofHours(24));

    public Interception {
      if ((caCert == null) != (caKey == null)) {
        throw new IllegalArgumentException(
            "interception.ca_cert and interception.ca_key go together: set both or neither");
      }
      Objects.requireNonNull(dataDir, "dataDir");
      splice = List.copyOf(splice);
      if (cacheSize < 1) {
        throw new IllegalArgumentException("interception.cache_size must be at least 1");
      }
      if (leafValidity.compareTo(Duration.ofMinutes(10)) < 0) {
        throw new IllegalArgumentException("interception.leaf_validity must be at least 10m");
      }
    }

    /** A copy with another splice list. */
    public Interception withSplice(List<HostPattern> value) {
      return new Interception(
          caCert, caKey, dataDir, value, upstreamCaBundle, cacheSize, leafValidity);
    }
  }
}
