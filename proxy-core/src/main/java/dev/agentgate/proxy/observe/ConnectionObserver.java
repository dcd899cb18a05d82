package dev.agentgate.proxy.observe;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.proxy.tls.ClientTlsFailure;
import java.util.List;

/**
 * Told what happens to each client connection: metrics and the audit log implement it. Every method
 * is called on the connection's event loop, so it must be quick and must not block; the {@link
 * ConnectionFacts} passed in belongs to that event loop and may change after the call returns (copy
 * what you keep).
 */
public interface ConnectionObserver {
  /** Observes nothing. */
  ConnectionObserver NONE = new ConnectionObserver() {};

  /** A client connection was accepted. */
  default void opened(ConnectionFacts connection) {}

  /**
   * The proxy acted on a decision: one from the policy for {@code request.phase()}, or one the
   * proxy made itself (destination guard, CONNECT port, missing interception; their rule ids start
   * with {@code builtin:}).
   */
  default void decided(ConnectionFacts connection, EgressRequest request, Decision decision) {}

  /**
   * A {@code redact} decision at the HTTP phase, reported once the request's body has been
   * inspected (or abandoned): such decisions come here <b>instead of</b> {@link #decided}, exactly
   * once each, so that the audit event carries the findings. The default hands the decision to
   * {@link #decided}.
   */
  default void redacted(
      ConnectionFacts connection, EgressRequest request, Decision decision, Redaction redaction) {
    decided(connection, request, decision);
  }

  /** A client completed the TLS handshake under a minted certificate in {@code nanos}. */
  default void interceptionHandshake(ConnectionFacts connection, long nanos) {}

  /**
   * A client's TLS handshake under a minted certificate failed; {@link
   * ClientTlsFailure#CERTIFICATE_REJECTED} means it does not trust the CA (or pins).
   */
  default void interceptionHandshakeFailed(ConnectionFacts connection, ClientTlsFailure failure) {}

  /** Something went wrong on the connection; it may still continue or be closed next. */
  default void error(ConnectionFacts connection, ProxyError kind) {}

  /** What reading a tunnel's first bytes as a TLS ClientHello gave (once per tunnel). */
  default void clientHello(ConnectionFacts connection, ClientHelloOutcome outcome) {}

  /**
   * A request (or a tunnel's first bytes) went upstream; {@code proxyNanos} is the time the proxy
   * itself spent on it from the request head (or the ClientHello) on, DNS and upstream connect
   * excluded. Interceptors report their forwarded requests here too.
   */
  default void forwarded(ConnectionFacts connection, long proxyNanos) {}

  /**
   * {@code n} bytes read from the client. Called for every read on the client channel (after {@link
   * ConnectionFacts#addBytesFromClient}): keep it to a counter increment.
   */
  default void bytesFromClient(ConnectionFacts connection, long n) {}

  /**
   * {@code n} bytes written to the client; called for every write, like {@link #bytesFromClient}.
   */
  default void bytesToClient(ConnectionFacts connection, long n) {}

  /** The client connection closed; bytes and duration in {@code connection} are final. */
  default void closed(ConnectionFacts connection) {}

  /** All of {@code observers}, in order. */
  static ConnectionObserver all(List<ConnectionObserver> observers) {
    List<ConnectionObserver> list = List.copyOf(observers);
    if (list.isEmpty()) {
      return NONE;
    }
    if (list.size() == 1) {
      return list.get(0);
    }
    // An array, not the list: a for-each over an array allocates no iterator (bytes are per read).
    ConnectionObserver[] each = list.toArray(new ConnectionObserver[0]);
    return new ConnectionObserver() {
      @Override
      public void opened(ConnectionFacts c) {
        for (ConnectionObserver o : each) {
          o.opened(c);
        }
      }

      @Override
      public void decided(ConnectionFacts c, EgressRequest r, Decision d) {
        for (ConnectionObserver o : each) {
          o.decided(c, r, d);
        }
      }

      @Override
      public void redacted(ConnectionFacts c, EgressRequest r, Decision d, Redaction redaction) {
        for (ConnectionObserver o : each) {
          o.redacted(c, r, d, redaction);
        }
      }

      @Override
      public void interceptionHandshake(ConnectionFacts c, long nanos) {
        for (ConnectionObserver o : each) {
          o.interceptionHandshake(c, nanos);
        }
      }

      @Override
      public void interceptionHandshakeFailed(ConnectionFacts c, ClientTlsFailure failure) {
        for (ConnectionObserver o : each) {
          o.interceptionHandshakeFailed(c, failure);
        }
      }

      @Override
      public void error(ConnectionFacts c, ProxyError kind) {
        for (ConnectionObserver o : each) {
          o.error(c, kind);
        }
      }

      @Override
      public void clientHello(ConnectionFacts c, ClientHelloOutcome outcome) {
        for (ConnectionObserver o : each) {
          o.clientHello(c, outcome);
        }
      }

      @Override
      public void forwarded(ConnectionFacts c, long proxyNanos) {
        for (ConnectionObserver o : each) {
          o.forwarded(c, proxyNanos);
        }
      }

      @Override
      public void bytesFromClient(ConnectionFacts c, long n) {
        for (ConnectionObserver o : each) {
          o.bytesFromClient(c, n);
        }
      }

      @Override
      public void bytesToClient(ConnectionFacts c, long n) {
        for (ConnectionObserver o : each) {
          o.bytesToClient(c, n);
        }
      }

      @Override
      public void closed(ConnectionFacts c) {
        for (ConnectionObserver o : each) {
          o.closed(c);
        }
      }
    };
  }
}
