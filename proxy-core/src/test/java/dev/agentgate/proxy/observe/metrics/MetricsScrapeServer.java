package dev.agentgate.proxy.observe.metrics;

import com.sun.net.httpserver.HttpServer;
import dev.agentgate.policy.Action;
import dev.agentgate.policy.Phase;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Stop-gap for {@code deploy/check} until {@code agentgate run} serves {@code /metrics}: serves
 * {@link ProxyMetrics#scrape()} on an ephemeral loopback port (printed as {@code port=N}) with a
 * sample policy loaded and one of each event recorded, so every series exists. Not a test.
 */
public final class MetricsScrapeServer {
  private MetricsScrapeServer() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    MultiThreadIoEventLoopGroup loops =
        new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    ProxyMetrics metrics =
        new ProxyMetrics(
            List.of("claude-code", "codex", "copilot", "cursor", "gemini-cli", "qoder"));
    metrics.bindEventLoops(loops);
    metrics.policyReload(ReloadSource.STARTUP, ReloadResult.SUCCESS);
    metrics.onPolicyLoaded("1", "sha256:0000", List.of("block-banned", "allow-model-apis"));
    metrics.connectionOpened(Listener.PROXY);
    metrics.decision(Phase.CONNECT, Action.ALLOW, metrics.agentIndex("claude-code"));
    metrics.ruleHit("allow-model-apis", false);
    metrics.proxyLatency(250_000);

    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", ProxyMetrics.CONTENT_TYPE);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    System.out.println("port=" + server.getAddress().getPort());
    System.out.flush();
    new CountDownLatch(1).await(); // serve until killed
  }
}
