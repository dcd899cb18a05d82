package dev.agentgate.proxy.observe;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
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

  /** Something went wrong on the connection; it may still continue or be closed next. */
  default void error(ConnectionFacts connection, ProxyError kind) {}

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
    return new ConnectionObserver() {
      @Override
      public void opened(ConnectionFacts c) {
        for (ConnectionObserver o : list) {
          o.opened(c);
        }
      }

      @Override
      public void decided(ConnectionFacts c, EgressRequest r, Decision d) {
        for (ConnectionObserver o : list) {
          o.decided(c, r, d);
        }
      }

      @Override
      public void error(ConnectionFacts c, ProxyError kind) {
        for (ConnectionObserver o : list) {
          o.error(c, kind);
        }
      }

      @Override
      public void closed(ConnectionFacts c) {
        for (ConnectionObserver o : list) {
          o.closed(c);
        }
      }
    };
  }
}
