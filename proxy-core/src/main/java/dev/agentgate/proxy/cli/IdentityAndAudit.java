package dev.agentgate.proxy.cli;

import dev.agentgate.policy.store.PolicyListener;
import dev.agentgate.proxy.config.HostPort;
import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.identity.IdentityResolver;
import dev.agentgate.proxy.observe.ConnectionObserver;
import dev.agentgate.proxy.observe.audit.AuditLog;
import dev.agentgate.proxy.observe.audit.AuditObserver;
import dev.agentgate.proxy.observe.audit.AuditSink;
import dev.agentgate.proxy.observe.metrics.AuditStats;
import dev.agentgate.proxy.observe.metrics.ProxyMetrics;
import dev.agentgate.proxy.reload.PolicyAudit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What {@code agentgate run} starts before the proxy: the open-proxy guard, the identity resolver
 * (users file, reload timer, password threads) and the audit log (writer thread). Closed after the
 * proxy has drained, so the last connections' events are written.
 */
final class IdentityAndAudit implements AutoCloseable {

  /** A startup problem: one line for the user, and the exit code. */
  static final class StartupFailure extends Exception {
    private final int exitCode;

    StartupFailure(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }

    int exitCode() {
      return exitCode;
    }
  }

  private final IdentityResolver identity;
  private final AuditLog auditLog;

  private IdentityAndAudit(IdentityResolver identity, AuditLog auditLog) {
    this.identity = identity;
    this.auditLog = auditLog;
  }

  /**
   * Checks that the proxy is not an open proxy by accident, then starts identity and audit.
   *
   * @throws StartupFailure exit 2 for a configuration that must change, 1 for an I/O failure
   */
  static IdentityAndAudit start(ProxyConfig config) throws StartupFailure {
    for (HostPort listen : config.proxyListeners()) {
      InetAddress address;
      try {
        address = InetAddress.getByName(listen.host());
      } catch (UnknownHostException e) {
        continue; // binding fails on it with its own message
      }
      try {
        config.identity().checkNotOpenProxy(address);
      } catch (IllegalStateException e) {
        throw new StartupFailure(e.getMessage(), 2);
      }
    }
    IdentityResolver identity;
    try {
      identity = IdentityResolver.start(config.identity());
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new StartupFailure("config error: identity.users_file: " + e.getMessage(), 2);
    }
    AuditLog auditLog = null;
    if (config.audit().enabled()) {
      try {
        auditLog = AuditLog.start(config.audit());
      } catch (IOException e) {
        identity.close();
        throw new StartupFailure(
            "cannot open the audit log " + config.audit().file() + ": " + e.getMessage(), 1);
      }
    }
    return new IdentityAndAudit(identity, auditLog);
  }

  IdentityResolver identity() {
    return identity;
  }

  /** The audit sink; a disabled one when no audit log is configured. */
  AuditSink audit() {
    return auditLog == null ? AuditSink.disabled() : auditLog;
  }

  /** The observer that writes the audit log, or {@link ConnectionObserver#NONE}. */
  ConnectionObserver observer(Supplier<String> policyVersion) {
    return auditLog == null
        ? ConnectionObserver.NONE
        : new AuditObserver(auditLog, policyVersion, Clock.systemUTC());
  }

  /**
   * Writes policy reloads and shadow disagreements to the audit log, or {@link
   * PolicyListener#NONE}.
   */
  PolicyListener policyListener() {
    return auditLog == null ? PolicyListener.NONE : new PolicyAudit(auditLog, Clock.systemUTC());
  }

  /** Lets the metrics read the audit writer's counters (written, dropped) on each scrape. */
  void bindMetrics(ProxyMetrics metrics) {
    if (auditLog != null) {
      metrics.bindAudit(
          new AuditStats() {
            @Override
            public long written() {
              return auditLog.writtenCount();
            }

            @Override
            public long dropped() {
              return auditLog.droppedCount();
            }
          });
    }
  }

  @Override
  public void close() {
    if (auditLog != null) {
      auditLog.close();
    }
    identity.close();
  }
}
