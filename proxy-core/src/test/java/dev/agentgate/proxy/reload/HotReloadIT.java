package dev.agentgate.proxy.reload;

import static dev.agentgate.proxy.testing.ProxyFixture.HTTP_HOST;
import static dev.agentgate.proxy.testing.ProxyFixture.TLS_HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentgate.policy.store.PolicySource;
import dev.agentgate.proxy.testing.ReloadingProxy;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.testing.TestUpstream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy file changing under a running proxy: in place, by an editor's rename, and by a
 * ConfigMap symlink swap; connections keep the decision they were given while new connections and
 * new requests use the new policy.
 */
class HotReloadIT {
  private static TestCa ca;
  private static TestUpstream upstream;
  private ReloadingProxy proxy;

  @BeforeAll
  static void upstream() throws Exception {
    ca = TestCa.create(TLS_HOST);
    upstream = new TestUpstream(ca);
  }

  @AfterAll
  static void stopUpstream() {
    upstream.close();
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private String liveVersion() throws Exception {
    return new ObjectMapper()
        .readTree(proxy.admin("GET", "/v1/policy", null).body())
        .path("version")
        .asText();
  }

  private void awaitVersion(String version) {
    await().atMost(Duration.ofSeconds(20)).until(() -> version.equals(liveVersion()));
  }

  private static String plainGet() {
    return "GET http://" + HTTP_HOST + "/small HTTP/1.1\r\nHost: " + HTTP_HOST + "\r\n\r\n";
  }

  private int newConnectionStatus() throws IOException {
    try (Socket s = new Socket("127.0.0.1", proxy.port())) {
      s.setSoTimeout(10_000);
      return Exchanges.exchange(s.getInputStream(), s.getOutputStream(), plainGet());
    }
  }

  @Test
  void aFileWrittenInPlaceIsAppliedToNewRequests(@TempDir Path dir) throws Exception {
    proxy = ReloadingProxy.start(upstream, dir, Texts.allowAll("file-1"));
    assertThat(newConnectionStatus()).isEqualTo(200);

    Files.writeString(proxy.policyFile, Texts.blocking("file-2", HTTP_HOST));

    awaitVersion("file-2");
    assertThat(proxy.runtime().store().live().source()).isEqualTo(PolicySource.FILE);
    assertThat(newConnectionStatus()).isEqualTo(403);
  }

  @Test
  void anEditorsRenameOnSaveIsApplied(@TempDir Path dir) throws Exception {
    proxy = ReloadingProxy.start(upstream, dir, Texts.allowAll("file-1"));

    Path tmp = dir.resolve(".policy.yaml.tmp");
    Files.writeString(tmp, Texts.blocking("renamed-2", HTTP_HOST));
    Files.move(
        tmp, proxy.policyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    awaitVersion("renamed-2");
    assertThat(newConnectionStatus()).isEqualTo(403);
  }

  @Test
  void aConfigMapSymlinkSwapIsApplied(@TempDir Path dir) throws Exception {
    Path mount = Files.createDirectory(dir.resolve("mount"));
    Path v1 = Files.createDirectory(mount.resolve("..2026_06_01_10_00_00.1"));
    Files.writeString(v1.resolve("policy.yaml"), Texts.allowAll("cm-1"));
    Files.createSymbolicLink(mount.resolve("..data"), v1.getFileName());
    Path file = mount.resolve("policy.yaml");
    Files.createSymbolicLink(file, Path.of("..data", "policy.yaml"));
    proxy =
        ReloadingProxy.start(
            upstream, dir, file, o -> o, dev.agentgate.policy.store.PolicyListener.NONE);
    assertThat(liveVersion()).isEqualTo("cm-1");

    Path v2 = Files.createDirectory(mount.resolve("..2026_06_01_10_05_00.2"));
    Files.writeString(v2.resolve("policy.yaml"), Texts.blocking("cm-2", HTTP_HOST));
    Path link = Files.createSymbolicLink(mount.resolve("..data_tmp"), v2.getFileName());
    Files.move(link, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
    Files.delete(v1.resolve("policy.yaml"));
    Files.delete(v1);

    awaitVersion("cm-2");
    assertThat(newConnectionStatus()).isEqualTo(403);
  }

  @Test
  void aBrokenFileIsRejectedAndTheNextGoodOneApplied(@TempDir Path dir) throws Exception {
    proxy = ReloadingProxy.start(upstream, dir, Texts.allowAll("file-1"));

    Files.writeString(proxy.policyFile, "version: file-2\ndefault: allow\nrules:\n  - id: [\n");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                proxy.runtime().store().lastReload().result()
                    == dev.agentgate.policy.store.ReloadEvent.Result.REJECTED);
    assertThat(liveVersion()).isEqualTo("file-1");
    assertThat(newConnectionStatus()).isEqualTo(200);

    Files.writeString(proxy.policyFile, Texts.blocking("file-3", HTTP_HOST));
    awaitVersion("file-3");
    assertThat(newConnectionStatus()).isEqualTo(403);
  }

  @Test
  void aKeepAliveConnectionsNextRequestUsesTheNewPolicy(@TempDir Path dir) throws Exception {
    proxy = ReloadingProxy.start(upstream, dir, Texts.allowAll("file-1"));
    try (Socket s = new Socket("127.0.0.1", proxy.port())) {
      s.setSoTimeout(10_000);
      assertThat(Exchanges.exchange(s.getInputStream(), s.getOutputStream(), plainGet()))
          .isEqualTo(200);

      proxy.admin("PUT", "/v1/policy", Texts.blocking("api-2", HTTP_HOST));

      assertThat(Exchanges.exchange(s.getInputStream(), s.getOutputStream(), plainGet()))
          .as("the second request on the same connection")
          .isEqualTo(403);
    }
  }

  @Test
  void anOpenTunnelKeepsItsDecisionWhileANewOneIsRefused(@TempDir Path dir) throws Exception {
    proxy = ReloadingProxy.start(upstream, dir, Texts.allowAll("file-1"));
    String get = "GET /small HTTP/1.1\r\nHost: " + TLS_HOST + "\r\n\r\n";
    try (Socket tcp = new Socket("127.0.0.1", proxy.port())) {
      tcp.setSoTimeout(10_000);
      tcp.getOutputStream()
          .write(
              ("CONNECT " + TLS_HOST + ":443 HTTP/1.1\r\nHost: " + TLS_HOST + ":443\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertThat(Exchanges.head(tcp.getInputStream())).startsWith("HTTP/1.1 200");
      SSLSocket tls =
          (SSLSocket) ca.clientContext().getSocketFactory().createSocket(tcp, TLS_HOST, 443, false);
      tls.startHandshake();
      assertThat(Exchanges.exchange(tls.getInputStream(), tls.getOutputStream(), get))
          .isEqualTo(200);

      proxy.admin("PUT", "/v1/policy", Texts.blocking("api-2", TLS_HOST));

      assertThat(Exchanges.exchange(tls.getInputStream(), tls.getOutputStream(), get))
          .as("the spliced tunnel keeps the decision it was given")
          .isEqualTo(200);
      try (Socket fresh = new Socket("127.0.0.1", proxy.port())) {
        fresh.setSoTimeout(10_000);
        fresh
            .getOutputStream()
            .write(
                ("CONNECT " + TLS_HOST + ":443 HTTP/1.1\r\nHost: " + TLS_HOST + ":443\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(Exchanges.head(fresh.getInputStream())).startsWith("HTTP/1.1 403");
      }
    }
  }
}
