package dev.agentgate.proxy.testing;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.proxy.observe.ConnectionFacts;
import dev.agentgate.proxy.observe.ConnectionObserver;
import dev.agentgate.proxy.observe.ProxyError;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Remembers what the proxy reported, for assertions. Thread-safe. */
public final class RecordingObserver implements ConnectionObserver {
  /** One decision as the proxy acted on it, with the facts of its phase. */
  public record Decided(EgressRequest request, Decision decision) {}

  /** A closed connection's final numbers. */
  public record Closed(long id, long bytesFromClient, long bytesToClient, String sni) {}

  public final AtomicInteger opened = new AtomicInteger();
  public final List<Decided> decisions = new CopyOnWriteArrayList<>();
  public final List<ProxyError> errors = new CopyOnWriteArrayList<>();
  public final List<Closed> closed = new CopyOnWriteArrayList<>();

  @Override
  public void opened(ConnectionFacts connection) {
    opened.incrementAndGet();
  }

  @Override
  public void decided(ConnectionFacts connection, EgressRequest request, Decision decision) {
    decisions.add(new Decided(request, decision));
  }

  @Override
  public void error(ConnectionFacts connection, ProxyError kind) {
    errors.add(kind);
  }

  @Override
  public void closed(ConnectionFacts c) {
    closed.add(new Closed(c.id(), c.bytesFromClient(), c.bytesToClient(), c.sni()));
  }

  public void clear() {
    opened.set(0);
    decisions.clear();
    errors.clear();
    closed.clear();
  }

  /** The rule ids of the decisions so far, in order. */
  public List<String> ruleIds() {
    return decisions.stream().map(d -> d.decision().ruleId()).toList();
  }
}
