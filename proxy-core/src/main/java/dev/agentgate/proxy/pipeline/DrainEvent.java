package dev.agentgate.proxy.pipeline;

/**
 * Fired into every client pipeline when the proxy begins a graceful shutdown: a connection between
 * requests closes now, one in the middle of a response closes after it, and tunnels run on until
 * they end or the drain deadline passes.
 */
public final class DrainEvent {
  public static final DrainEvent INSTANCE = new DrainEvent();

  private DrainEvent() {}
}
