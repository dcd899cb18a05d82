package dev.agentgate.proxy.cli;

import dev.agentgate.policy.store.PolicyListener;
import dev.agentgate.policy.store.PolicySnapshot;
import dev.agentgate.proxy.admin.AdminToken;
import dev.agentgate.proxy.admin.PolicyApi;
import dev.agentgate.proxy.admin.PolicyStatus;
import dev.agentgate.proxy.config.ConfigException;
import dev.agentgate.proxy.config.ConfigLoader;
import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.observe.metrics.ProxyMetrics;
import dev.agentgate.proxy.observe.metrics.ReloadSource;
import dev.agentgate.proxy.pipeline.intercept.Interception;
import dev.agentgate.proxy.pipeline.intercept.LiveRedactors;
import dev.agentgate.proxy.reload.PolicyMetrics;
import dev.agentgate.proxy.reload.PolicyRuntime;
import dev.agentgate.proxy.reload.PolicyStartupException;
import dev.agentgate.proxy.server.ProxyServer;
import dev.agentgate.proxy.tls.TlsConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentgate run [--config FILE]}: loads the policy (and keeps reloading it), starts the
 * proxy and the admin listener and runs until SIGTERM or SIGINT, then drains open connections up to
 * the configured deadline. Exit codes: 1 when the policy is rejected or a file cannot be opened, 2
 * for config problems.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Start the proxy (default 127.0.0.1:3128) and the admin listener (default 127.0.0.1:9090).",
      "Without --config it runs the built-in defaults and the embedded default policy."
    })
public final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Spec private CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "YAML configuration file (see the README, section Running the proxy).")
  private Path config;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    ProxyConfig cfg;
    AdminToken token = null;
    try {
      cfg = config == null ? ProxyConfig.defaults() : ConfigLoader.load(config);
      if (cfg.policyOptions().adminTokenFile() != null) {
        token = AdminToken.load(cfg.policyOptions().adminTokenFile());
      }
    } catch (ConfigException | IOException e) {
      err.println("agentgate: config error: " + e.getMessage());
      return 2;
    }
    PolicyRuntime policy;
    try {
      policy = PolicyRuntime.start(cfg, PolicyListener.NONE);
    } catch (PolicyStartupException e) {
      String kind = e.configProblem() ? "agentgate: config error: " : "agentgate: policy error: ";
      if (e.details().isEmpty()) {
        err.println(kind + e.getMessage());
      } else {
        e.details().forEach(line -> err.println(kind + line));
      }
      return e.configProblem() ? 2 : 1;
    }
    IdentityAndAudit identityAndAudit;
    try {
      identityAndAudit = IdentityAndAudit.start(cfg);
    } catch (IdentityAndAudit.StartupFailure e) {
      policy.close();
      err.println("agentgate: " + e.getMessage());
      return e.exitCode();
    }
    ProxyMetrics metrics = metrics(policy);
    identityAndAudit.bindMetrics(metrics);
    Interception interception;
    try {
      interception = interception(cfg, policy, metrics);
    } catch (TlsConfigException e) {
      identityAndAudit.close();
      policy.close();
      metrics.close();
      err.println("agentgate: config error: interception: " + e.getMessage());
      return 2;
    }
    PolicyListener audit = identityAndAudit.policyListener();
    // The start-up loads happened before the audit log was open; they are its first policy events.
    policy.replayLastReloads(audit);
    policy.addListener(audit);
    policy.watch();
    PolicyApi api = null;
    if (token != null) {
      AdminToken t = token;
      policy.reloader().every(cfg.policyOptions().pollInterval(), t::refresh);
      api = new PolicyApi(policy.store(), policy.shadow(), policy.reloader(), t);
    }
    ProxyServer server;
    try {
      server =
          ProxyServer.builder(cfg)
              .policy(policy.engine(), () -> status(policy.store().live()))
              .policyApi(api)
              .identity(identityAndAudit.identity())
              .audit(identityAndAudit.audit())
              .observer(identityAndAudit.observer(() -> policy.store().live().version()))
              .metrics(metrics)
              .interceptor(interception.interceptor())
              .start();
    } catch (IOException e) {
      interception.close();
      identityAndAudit.close();
      policy.close();
      metrics.close();
      err.println("agentgate: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdown(cfg.timeouts().drain());
                  interception.close();
                  identityAndAudit.close(); // after the drain: the last events get written
                  policy.close();
                  metrics.close();
                  stopped.countDown();
                },
                "agentgate-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "agentgate: proxy on "
            + server.proxyAddresses()
            + (server.adminAddress() == null ? "" : ", admin on " + server.adminAddress())
            + ", policy "
            + policy.store().live().version()
            + (policy.shadow() == null
                ? ""
                : ", shadow policy " + policy.shadow().shadowStore().live().version()));
    out.flush();
    stopped.await();
    return 0;
  }

  /**
   * Meters labelled with the agents of the start-up policy's catalog (built-in agents plus the
   * policy's own; agents a later policy adds count as "unknown": labels are fixed at start-up), the
   * start-up load counted, and every later reload of the live policy counted as it happens.
   */
  private static ProxyMetrics metrics(PolicyRuntime policy) {
    PolicySnapshot live = policy.store().live();
    ProxyMetrics metrics = new ProxyMetrics(live.policy().catalog().ids());
    metrics.policyLoaded(ReloadSource.STARTUP, live.policy());
    policy.addListener(new PolicyMetrics(metrics));
    return metrics;
  }

  /**
   * TLS interception as configured, with the live policy's redactors (compiled again whenever a
   * reload swaps the policy); logs one line saying whether it is on.
   */
  private static Interception interception(
      ProxyConfig cfg, PolicyRuntime policy, ProxyMetrics metrics) throws TlsConfigException {
    LiveRedactors redactors =
        new LiveRedactors(
            () -> {
              PolicySnapshot live = policy.store().live();
              return live == null ? null : live.policy();
            });
    policy.addListener(redactors);
    Interception interception =
        Interception.start(cfg.interception(), redactors, metrics, Clock.systemUTC());
    if (interception.available()) {
      log.info(interception.summary());
    } else {
      log.warn(interception.summary());
    }
    return interception;
  }

  private static PolicyStatus status(PolicySnapshot live) {
    return live == null ? null : new PolicyStatus(live.version(), live.contentHash());
  }
}
