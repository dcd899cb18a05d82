package dev.agentgate.proxy.cli;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.PolicyEngine;
import dev.agentgate.proxy.admin.PolicyStatus;
import dev.agentgate.proxy.config.ConfigException;
import dev.agentgate.proxy.config.ConfigLoader;
import dev.agentgate.proxy.config.ProxyConfig;
import dev.agentgate.proxy.server.ProxyServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
    if (cfg.policyFile() != null) {
      // TEMPORARY until the policy compiler is merged: policy files cannot be loaded yet.
      err.println("agentgate: config error: policy.file: policy files are not supported yet");
      return 2;
    }
    ProxyServer server;
    try {
      server =
          ProxyServer.builder(cfg)
              .policy(TEMPORARY_ALLOW_ALL, () -> new PolicyStatus("builtin-allow-all", "none"))
              .start();
    } catch (IOException e) {
      err.println("agentgate: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdown(cfg.timeouts().drain());
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

  /** TEMPORARY: allows everything until the embedded default policy (policy compiler) lands. */
  private static final PolicyEngine TEMPORARY_ALLOW_ALL =
      request ->
          new Decision(
              Action.ALLOW,
              "default",
              "allowed by the built-in default",
              null,
              null,
              List.of(),
              null);
}
