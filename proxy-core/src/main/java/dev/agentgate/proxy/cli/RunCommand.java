package dev.agentgate.proxy.cli;

import dev.agentgate.proxy.config.ConfigException;
import dev.agentgate.proxy.config.ConfigLoader;
import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.observe.metrics.ProxyMetrics;
import dev.agentgate.proxy.pipeline.intercept.Interception;
import dev.agentgate.proxy.pipeline.intercept.Redactors;
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
 * {@code agentgate run [--config FILE]}: starts the proxy and the admin listener and runs until
 * SIGTERM or SIGINT, then drains open connections up to the configured deadline.
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
    try {
      cfg = config == null ? ProxyConfig.defaults() : ConfigLoader.load(config);
    } catch (ConfigException e) {
      err.println("agentgate: config error: " + e.getMessage());
      return 2;
    }
    PolicyLoader.Loaded policy = PolicyLoader.load(cfg.policyFile(), err);
    if (policy == null) {
      return 1;
    }
    IdentityAndAudit identityAndAudit;
    try {
      identityAndAudit = IdentityAndAudit.start(cfg);
    } catch (IdentityAndAudit.StartupFailure e) {
      err.println("agentgate: " + e.getMessage());
      return e.exitCode();
    }
    ProxyMetrics metrics = RunMetrics.create(policy);
    identityAndAudit.bindMetrics(metrics);
    Interception interception;
    try {
      interception =
          Interception.start(
              cfg.interception(), Redactors.of(policy.engine()), metrics, Clock.systemUTC());
    } catch (TlsConfigException e) {
      identityAndAudit.close();
      metrics.close();
      err.println("agentgate: config error: interception: " + e.getMessage());
      return 2;
    }
    if (interception.available()) {
      log.info(interception.summary());
    } else {
      log.warn(interception.summary());
    }
    ProxyServer server;
    try {
      server =
          ProxyServer.builder(cfg)
              .policy(policy.engine(), policy::status)
              .identity(identityAndAudit.identity())
              .audit(identityAndAudit.audit())
              .observer(identityAndAudit.observer(() -> policy.status().version()))
              .metrics(metrics)
              .interceptor(interception.interceptor())
              .start();
    } catch (IOException e) {
      interception.close();
      identityAndAudit.close();
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
                  metrics.close();
                  stopped.countDown();
                },
                "agentgate-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "agentgate: proxy on "
            + server.proxyAddresses()
            + (server.adminAddress() == null ? "" : ", admin on " + server.adminAddress()));
    out.flush();
    stopped.await();
    return 0;
  }
}
