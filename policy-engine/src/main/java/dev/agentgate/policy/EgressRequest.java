package dev.agentgate.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The facts the proxy knows about one connection or request at one {@link Phase}. Plain values
 * only: the engine never sees a Netty or HTTP type.
 *
 * <p>Facts of a later phase than {@code phase} are unknown and must not be consulted. At the TLS
 * phase {@code tls} says whether the tunnel's first bytes were a TLS ClientHello; at the HTTP phase
 * it says whether the request arrived inside an intercepted TLS tunnel (false for plain HTTP, in
 * which case the TLS facts are absent, not unknown).
 *
 * @param headers request headers with lower-case names, values in arrival order
 */
public record EgressRequest(
    Phase phase,
    String clientAddress,
    String user,
    Set<String> groups,
    String host,
    int port,
    boolean tls,
    String sni,
    List<String> alpn,
    String ja3,
    String ja4,
    String method,
    String path,
    Map<String, List<String>> headers) {

  public EgressRequest {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(host, "host");
    groups = groups == null ? Set.of() : Set.copyOf(groups);
    alpn = alpn == null ? List.of() : List.copyOf(alpn);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    host = host.toLowerCase(Locale.ROOT);
  }

  public static Builder builder(Phase phase, String host, int port) {
    return new Builder(phase, host, port);
  }

  /** A builder holding every fact of this request, for moving to the next phase. */
  public Builder toBuilder() {
    Builder b = new Builder(phase, host, port);
    b.clientAddress = clientAddress;
    b.user = user;
    b.groups = groups;
    b.tls = tls;
    b.sni = sni;
    b.alpn = alpn;
    b.ja3 = ja3;
    b.ja4 = ja4;
    b.method = method;
    b.path = path;
    b.headers = headers;
    return b;
  }

  /** The first value of a header (name in any case), or {@code null}. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** True when the destination is an IPv4 or IPv6 literal rather than a name. */
  public boolean hostIsIpLiteral() {
    return HostNames.isIpLiteral(host);
  }

  /** Mutable collector of facts; {@link #build()} makes the immutable request. */
  public static final class Builder {
    private Phase phase;
    private final String host;
    private final int port;
    private String clientAddress;
    private String user;
    private Set<String> groups = Set.of();
    private boolean tls;
    private String sni;
    private List<String> alpn = List.of();
    private String ja3;
    private String ja4;
    private String method;
    private String path;
    private Map<String, List<String>> headers = Map.of();

    private Builder(Phase phase, String host, int port) {
      this.phase = phase;
      this.host = host;
      this.port = port;
    }

    public Builder phase(Phase value) {
      this.phase = value;
      return this;
    }

    public Builder client(String address, String user, Set<String> groups) {
      this.clientAddress = address;
      this.user = user;
      this.groups = groups;
      return this;
    }

    public Builder tls(boolean isTls, String sni, List<String> alpn, String ja3, String ja4) {
      this.tls = isTls;
      this.sni = sni;
      this.alpn = alpn;
      this.ja3 = ja3;
      this.ja4 = ja4;
      return this;
    }

    public Builder http(String method, String path, Map<String, List<String>> headers) {
      this.method = method;
      this.path = path;
      Map<String, List<String>> lower = new TreeMap<>();
      if (headers != null) {
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      }
      this.headers = lower;
      return this;
    }

    public EgressRequest build() {
      return new EgressRequest(
          phase,
          clientAddress,
          user,
          groups,
          host,
          port,
          tls,
          sni,
          alpn,
          ja3,
          ja4,
          method,
          path,
          headers);
    }
  }
}
