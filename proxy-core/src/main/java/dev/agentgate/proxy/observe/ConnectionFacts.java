package dev.agentgate.proxy.observe;

import dev.agentgate.policy.Decision;
import java.util.List;
import java.util.Set;

/**
 * What the proxy knows about one client connection, filled in as the connection proceeds and handed
 * to {@link ConnectionObserver}s. Confined to the connection's event loop: plain fields, no locks.
 */
public final class ConnectionFacts {
  /** How the client uses the connection. */
  public enum Kind {
    /** No complete request yet. */
    UNKNOWN,
    /** Absolute-form HTTP requests forwarded by the proxy. */
    HTTP,
    /** A CONNECT tunnel. */
    TUNNEL
  }

  private final long id;
  private final String clientAddress;
  private final int clientPort;
  private final long openedAtMillis;
  private final long openedAtNanos;
  private Kind kind = Kind.UNKNOWN;
  private String user;
  private Set<String> groups = Set.of();
  private String targetHost;
  private int targetPort;
  private String upstreamAddress;
  private Boolean tls;
  private String sni;
  private List<String> alpn = List.of();
  private String ja3;
  private String ja4;
  private Decision lastDecision;
  private long requests;
  private long bytesFromClient;
  private long bytesToClient;
  private long closedAtNanos;
  private int metricsAgent = -1;

  public ConnectionFacts(
      long id, String clientAddress, int clientPort, long openedAtMillis, long openedAtNanos) {
    this.id = id;
    this.clientAddress = clientAddress;
    this.clientPort = clientPort;
    this.openedAtMillis = openedAtMillis;
    this.openedAtNanos = openedAtNanos;
  }

  /** Unique per process run, increasing. */
  public long id() {
    return id;
  }

  /** The client's IP address as text. */
  public String clientAddress() {
    return clientAddress;
  }

  public int clientPort() {
    return clientPort;
  }

  /** Wall-clock time of accept (epoch milliseconds). */
  public long openedAtMillis() {
    return openedAtMillis;
  }

  public Kind kind() {
    return kind;
  }

  /** The authenticated user, or null (anonymous, network-identified, or not yet known). */
  public String user() {
    return user;
  }

  /** The client's groups, empty until its identity is resolved. */
  public Set<String> groups() {
    return groups;
  }

  /** The host the client asked for (CONNECT authority or absolute URI), or null before. */
  public String targetHost() {
    return targetHost;
  }

  public int targetPort() {
    return targetPort;
  }

  /** The checked address the proxy connected to, as {@code ip:port}, or null. */
  public String upstreamAddress() {
    return upstreamAddress;
  }

  /** True for a TLS tunnel, false for other tunnel bytes or plain HTTP, null before known. */
  public Boolean tls() {
    return tls;
  }

  public String sni() {
    return sni;
  }

  public List<String> alpn() {
    return alpn;
  }

  public String ja3() {
    return ja3;
  }

  public String ja4() {
    return ja4;
  }

  /** The decision last acted on, or null. */
  public Decision lastDecision() {
    return lastDecision;
  }

  /** Requests on this connection (plain HTTP, or inside an intercepted tunnel). */
  public long requests() {
    return requests;
  }

  public long bytesFromClient() {
    return bytesFromClient;
  }

  public long bytesToClient() {
    return bytesToClient;
  }

  /** Nanoseconds from accept to close (or to now while open). */
  public long durationNanos() {
    return (closedAtNanos == 0 ? System.nanoTime() : closedAtNanos) - openedAtNanos;
  }

  public void target(Kind kind, String host, int port) {
    this.kind = kind;
    this.targetHost = host;
    this.targetPort = port;
  }

  /** Records who the client is, once its identity is resolved. */
  public void identity(String user, Set<String> groups) {
    this.user = user;
    this.groups = groups == null ? Set.of() : groups;
  }

  public void upstreamAddress(String value) {
    this.upstreamAddress = value;
  }

  public void tls(boolean isTls, String sni, List<String> alpn, String ja3, String ja4) {
    this.tls = isTls;
    this.sni = sni;
    this.alpn = alpn == null ? List.of() : alpn;
    this.ja3 = ja3;
    this.ja4 = ja4;
  }

  public void lastDecision(Decision value) {
    this.lastDecision = value;
  }

  public void countRequest() {
    requests++;
  }

  public void addBytesFromClient(long n) {
    bytesFromClient += n;
  }

  public void addBytesToClient(long n) {
    bytesToClient += n;
  }

  /**
   * The metrics observer's agent label index for this connection (-1 until settled): resolved once
   * per decision, so bytes are attributed to the agent without a lookup per read.
   */
  public int metricsAgent() {
    return metricsAgent;
  }

  public void metricsAgent(int index) {
    this.metricsAgent = index;
  }

  public void markClosed(long nanos) {
    if (closedAtNanos == 0) {
      closedAtNanos = nanos;
    }
  }
}
