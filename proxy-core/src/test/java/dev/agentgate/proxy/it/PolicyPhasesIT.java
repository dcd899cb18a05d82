package dev.agentgate.proxy.it;

import static dev.agentgate.proxy.testing.ProxyFixture.OTHER_TLS_HOST;
import static dev.agentgate.proxy.testing.ProxyFixture.TLS_HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Phase;
import dev.agentgate.proxy.testing.Curl;
import dev.agentgate.proxy.testing.Policies;
import dev.agentgate.proxy.testing.ProxyFixture;
import dev.agentgate.proxy.testing.RawClient;
import dev.agentgate.proxy.testing.RecordingObserver.Decided;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.testing.TestUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the proxy does with each phase's decision, end to end through real clients. */
class PolicyPhasesIT {
  private static TestCa ca;
  private static TestUpstream upstream;
  private static ProxyFixture proxy;
  private static SSLContext tls;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    ca = TestCa.create(TLS_HOST, OTHER_TLS_HOST);
    upstream = new TestUpstream(ca);
    proxy = ProxyFixture.start(upstream);
    tls = ca.clientContext();
    client = proxy.client(tls);
  }

  @AfterAll
  static void stop() {
    proxy.close();
    upstream.close();
  }

  @BeforeEach
  void reset() {
    proxy.policy(Policies.ALLOW_ALL);
    proxy.observer.clear();
  }

  @Test
  void blockAtConnectAnswers403WithRuleReasonAndMessage() throws Exception {
    proxy.policyYaml(
        """
        version: t1
        default: allow
        rules:
          - id: no-api
            match: {host: api.example.test}
            action: block
            message: Use the gateway.
        """);

    try (RawClient c = new RawClient(proxy.port())) {
      String reply = c.send(connect(TLS_HOST, 443)).readUntilClose();
      assertThat(reply)
          .startsWith("HTTP/1.1 403 ")
          .contains("X-Agentgate-Rule: no-api")
          .contains("rule: no-api", "reason: ", "Use the gateway.")
          .contains("Do not try to get around the proxy");
    }
    Curl.Result r = Curl.viaProxy(proxy.port(), "-k", "https://" + TLS_HOST + "/small");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("403");
    assertThat(proxy.observer.decisions).allMatch(d -> d.request().phase() == Phase.CONNECT);
  }

  @Test
  void blockByJa4AtTheTlsPhaseFailsTheClientsHandshake() throws Exception {
    proxy.policyYaml(
        """
        version: t2
        default: allow
        rules:
          - id: banned-ja4
            match: {ja4: "t13d*"}
            action: block
            message: this TLS client is not approved
        """);

    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(URI.create("https://" + TLS_HOST + "/small")).build(),
                    BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    Decided last = proxy.observer.decisions.get(proxy.observer.decisions.size() - 1);
    assertThat(last.request().phase()).isEqualTo(Phase.TLS);
    assertThat(last.decision().ruleId()).isEqualTo("banned-ja4");
  }

  @Test
  void sniDifferentFromTheConnectHostIsBlockedWhenThePolicySaysSo() throws Exception {
    proxy.policyYaml(
        """
        version: t3
        default: allow
        rules:
          - id: sni-mismatch
            match: {sni_mismatch: true}
            action: block
            message: the TLS server name must match the CONNECT host
        """);

    assertThat(handshakeThroughTunnel(TLS_HOST, TLS_HOST)).isTrue();
    assertThat(handshakeThroughTunnel(TLS_HOST, OTHER_TLS_HOST)).isFalse();
    Decided last = proxy.observer.decisions.get(proxy.observer.decisions.size() - 1);
    assertThat(last.decision().ruleId()).isEqualTo("sni-mismatch");
    assertThat(last.request().sni()).isEqualTo(OTHER_TLS_HOST);
  }

  @Test
  void privateAndMetadataDestinationsAreRefused() throws Exception {
    try (RawClient c = new RawClient(proxy.port())) {
      assertThat(c.send(connect(ProxyFixture.PRIVATE_HOST, 443)).readUntilClose())
          .startsWith("HTTP/1.1 403 ")
          .contains("builtin:destination-guard", "10.1.2.3", "private");
    }
    try (RawClient c = new RawClient(proxy.port())) {
      assertThat(c.send(connect("169.254.169.254", 443)).readUntilClose())
          .startsWith("HTTP/1.1 403 ")
          .contains("cloud metadata");
    }
    try (RawClient c = new RawClient(proxy.port())) {
      assertThat(c.send(connect("[::ffff:10.0.0.1]", 443)).readUntilClose())
          .startsWith("HTTP/1.1 403 ")
          .contains("private");
    }
  }

  @Test
  void portNotAllowedIsRefusedUnlessARuleAllowsIt() throws Exception {
    proxy.policyYaml("version: t4\ndefault: allow\n");
    try (RawClient c = new RawClient(proxy.port())) {
      assertThat(c.send(connect(TLS_HOST, 8443)).readUntilClose())
          .startsWith("HTTP/1.1 403 ")
          .contains("builtin:connect-port", "8443");
    }
    proxy.policyYaml(
        """
        version: t5
        default: allow
        rules:
          - id: allow-8443
            match: {host: api.example.test, port: 8443}
            action: allow
        """);
    try (RawClient c = new RawClient(proxy.port())) {
      assertThat(c.send(connect(TLS_HOST, 8443)).readHead()).startsWith("HTTP/1.1 200 ");
    }
  }

  @Test
  void aHostWhoseAllowRuleNeedsAJa4IsNotRefusedAtConnect() throws Exception {
    proxy.policyYaml(
        """
        version: t6
        default: {action: block, message: not approved}
        rules:
          - id: allow-approved-runtime
            match: {host: api.example.test, ja4: "t13d*"}
            action: allow
        """);

    String body =
        client
            .send(
                HttpRequest.newBuilder(URI.create("https://" + TLS_HOST + "/small")).build(),
                BodyHandlers.ofString())
            .body();

    assertThat(body).isEqualTo(TestUpstream.SMALL_BODY);
    assertThat(proxy.observer.decisions)
        .extracting(d -> d.request().phase() + " " + d.decision().action())
        .containsExactly("CONNECT CONTINUE", "TLS ALLOW");
    assertThat(proxy.observer.decisions.get(1).decision().ruleId())
        .isEqualTo("allow-approved-runtime");
  }

  @Test
  void continueAtTheTlsPhaseFailsClosedWithoutInterception() throws Exception {
    proxy.policyYaml(
        """
        version: t7
        default: allow
        rules:
          - id: needs-headers
            match: {host: api.example.test, header: {x-debug-dump: true}}
            action: block
            message: debug dumps stay inside
        """);

    assertThat(handshakeThroughTunnel(TLS_HOST, TLS_HOST)).isFalse();
    assertThat(proxy.observer.decisions)
        .extracting(d -> d.decision().action() + " " + d.decision().ruleId())
        .containsExactly(
            "CONTINUE needs-headers", "CONTINUE needs-headers", "BLOCK builtin:interception");
    assertThat(proxy.observer.decisions.get(2).decision().reason())
        .isEqualTo("interception not configured");
  }

  @Test
  void aPolicyThatThrowsFailsClosed() throws Exception {
    proxy.policy(
        r -> {
          throw new IllegalStateException("boom");
        });
    try (RawClient c = new RawClient(proxy.port())) {
      assertThat(c.send(connect(TLS_HOST, 443)).readUntilClose())
          .startsWith("HTTP/1.1 403 ")
          .contains("builtin:policy-error");
    }
    assertThat(proxy.observer.decisions.get(0).decision().action()).isEqualTo(Action.BLOCK);
  }

  private static String connect(String host, int port) {
    return "CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
  }

  /** CONNECT to {@code host}, then a TLS handshake with {@code sni}; true when it completes. */
  private static boolean handshakeThroughTunnel(String host, String sni) throws Exception {
    try (RawClient c = new RawClient(proxy.port())) {
      assertThat(c.send(connect(host, 443)).readHead()).startsWith("HTTP/1.1 200 ");
      SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(c.socket(), sni, 443, false);
      SSLParameters params = s.getSSLParameters();
      params.setServerNames(List.of(new SNIHostName(sni)));
      s.setSSLParameters(params);
      try {
        s.startHandshake();
        s.getOutputStream()
            .write(
                ("GET /small HTTP/1.1\r\nHost: " + sni + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        String reply = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        return reply.endsWith(TestUpstream.SMALL_BODY);
      } catch (SSLException e) {
        return false;
      }
    }
  }
}
