package dev.agentgate.proxy.it;

import static dev.agentgate.proxy.testing.ProxyFixture.HTTP_HOST;
import static dev.agentgate.proxy.testing.ProxyFixture.TLS_HOST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.PolicyEngine;
import dev.agentgate.proxy.identity.Bcrypt;
import dev.agentgate.proxy.identity.IdentityConfig;
import dev.agentgate.proxy.identity.IdentityMode;
import dev.agentgate.proxy.identity.IdentityResolver;
import dev.agentgate.proxy.observe.ConnectionObserver;
import dev.agentgate.proxy.observe.audit.AuditConfig;
import dev.agentgate.proxy.observe.audit.AuditEvent;
import dev.agentgate.proxy.observe.audit.AuditLog;
import dev.agentgate.proxy.observe.audit.AuditObserver;
import dev.agentgate.proxy.observe.audit.AuditSink;
import dev.agentgate.proxy.observe.audit.AuditVerifier;
import dev.agentgate.proxy.testing.Curl;
import dev.agentgate.proxy.testing.EarlyHelloClient;
import dev.agentgate.proxy.testing.Policies;
import dev.agentgate.proxy.testing.ProxyFixture;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.testing.TestUpstream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proxy authentication, source networks and the audit log, through the proxy with real clients. */
class IdentityAuditIT {
  private static final String PASSWORD = "alice-Pr0xy-pw";
  private static final String API_KEY = "sk-ant-api03-ITSECRET0123456789";
  private static final String BEARER = "ghp_ITBEARER0123456789abcdef";
  private static final String COOKIE_VALUE = "ITCOOKIE42";

  /** Decides CONNECT -> CONTINUE, so plain HTTP is decided on its headers and TLS on the hello. */
  private static final PolicyEngine LOOK_DEEPER =
      r ->
          r.phase() == Phase.CONNECT
              ? Policies.continueWith("look-deeper")
              : Policies.allow("allow-" + r.phase().name().toLowerCase(java.util.Locale.ROOT));

  private static TestCa ca;
  private static TestUpstream upstream;

  @TempDir Path dir;
  private Path cacert;
  private Path usersFile;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeAll
  static void startUpstream() throws Exception {
    ca = TestCa.create(TLS_HOST);
    upstream = new TestUpstream(ca);
  }

  @AfterAll
  static void stopUpstream() {
    upstream.close();
  }

  @BeforeEach
  void writeUsers() throws Exception {
    cacert = ca.writeCaPem(dir);
    usersFile = dir.resolve("users.txt");
    Files.writeString(
        usersFile,
        "alice:" + Bcrypt.hash(PASSWORD.toCharArray(), 4, new SecureRandom()) + ":platform,devs\n");
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private ProxyFixture proxy(IdentityConfig identity, AuditSink audit, ConnectionObserver more)
      throws Exception {
    IdentityResolver resolver = IdentityResolver.start(identity);
    ProxyFixture proxy =
        ProxyFixture.start(
            upstream,
            c -> c,
            (b, recording) ->
                b.identity(resolver)
                    .audit(audit)
                    .observer(ConnectionObserver.all(List.of(recording, more))));
    toClose.add(0, resolver);
    toClose.add(0, proxy);
    return proxy;
  }

  private ProxyFixture proxy(IdentityMode mode, Map<String, List<String>> networks)
      throws Exception {
    return proxy(
        new IdentityConfig(
            mode,
            mode == IdentityMode.NETWORKS ? null : usersFile,
            networks,
            false,
            null,
            0,
            1,
            null),
        AuditSink.disabled(),
        ConnectionObserver.NONE);
  }

  private Curl.Result https(ProxyFixture proxy, String... credentials) throws Exception {
    List<String> args = new ArrayList<>(List.of(credentials));
    args.addAll(
        List.of(
            "-w",
            "\n%{http_connect}",
            "--cacert",
            cacert.toString(),
            "https://" + TLS_HOST + "/small"));
    return Curl.viaProxy(proxy.port(), args.toArray(String[]::new));
  }

  @Test
  void requiredModeAnswers407UnlessTheCredentialsAreGood() throws Exception {
    ProxyFixture proxy = proxy(IdentityMode.REQUIRED, Map.of());

    assertThat(https(proxy).out()).endsWith("\n407");
    assertThat(https(proxy, "-U", "alice:wrong").out()).endsWith("\n407");
    assertThat(https(proxy, "-U", "mallory:" + PASSWORD).out()).endsWith("\n407");
    assertThat(proxy.observer.ruleIds())
        .containsExactly("builtin:proxy-auth", "builtin:proxy-auth", "builtin:proxy-auth");
    proxy.observer.clear();

    Curl.Result ok = https(proxy, "-U", "alice:" + PASSWORD);

    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).isEqualTo(TestUpstream.SMALL_BODY + "\n200");
    EgressRequest connect = proxy.observer.decisions.get(0).request();
    assertThat(connect.user()).isEqualTo("alice");
    assertThat(connect.groups()).containsExactlyInAnyOrder("platform", "devs");
    assertThat(proxy.observer.decisions.get(1).request().phase()).isEqualTo(Phase.TLS);
    assertThat(proxy.observer.decisions.get(1).request().user()).isEqualTo("alice");
  }

  @Test
  void plainHttpGets407WithProxyAuthenticateAndTheCredentialsGoNoFurther() throws Exception {
    ProxyFixture proxy = proxy(IdentityMode.REQUIRED, Map.of());
    proxy.policy(LOOK_DEEPER);

    Curl.Result refused = Curl.viaProxy(proxy.port(), "-i", "http://" + HTTP_HOST + "/headers");
    assertThat(refused.out())
        .startsWith("HTTP/1.1 407")
        .containsIgnoringCase("Proxy-Authenticate: Basic realm=\"agentgate\"");

    Curl.Result ok =
        Curl.viaProxy(
            proxy.port(),
            "-U",
            "alice:" + PASSWORD,
            "-H",
            "Authorization: Bearer " + BEARER,
            "http://" + HTTP_HOST + "/headers");
    assertThat(ok.out()).contains("authorization: Bearer " + BEARER).doesNotContain("proxy-");
    EgressRequest http =
        proxy.observer.decisions.get(proxy.observer.decisions.size() - 1).request();
    assertThat(http.phase()).isEqualTo(Phase.HTTP);
    assertThat(http.user()).isEqualTo("alice");
    assertThat(http.header("authorization")).isEqualTo("Bearer " + BEARER);
    assertThat(http.header("proxy-authorization")).isNull(); // the policy never sees them
  }

  @Test
  void aClientHelloSentWithTheConnectWaitsForThePasswordCheck() throws Exception {
    ProxyFixture proxy = proxy(IdentityMode.REQUIRED, Map.of());
    String header = "Proxy-Authorization: " + basic("alice", PASSWORD) + "\r\n";

    String first =
        EarlyHelloClient.get(proxy.port(), TLS_HOST, "/small", ca.clientContext(), header);
    String cached =
        EarlyHelloClient.get(proxy.port(), TLS_HOST, "/small", ca.clientContext(), header);
    String missing = EarlyHelloClient.get(proxy.port(), TLS_HOST, "/small", ca.clientContext());

    assertThat(first).startsWith("HTTP/1.1 200").endsWith(TestUpstream.SMALL_BODY);
    assertThat(cached).startsWith("HTTP/1.1 200").endsWith(TestUpstream.SMALL_BODY);
    assertThat(missing)
        .startsWith("HTTP/1.1 407")
        .containsIgnoringCase("Proxy-Authenticate: Basic realm=\"agentgate\"");
  }

  @Test
  void optionalModeServesAnonymousWithItsGroupButRefusesWrongCredentials() throws Exception {
    ProxyFixture proxy = proxy(IdentityMode.OPTIONAL, Map.of());

    Curl.Result anonymous = Curl.viaProxy(proxy.port(), "http://" + HTTP_HOST + "/small");
    assertThat(anonymous.out()).isEqualTo(TestUpstream.SMALL_BODY);
    assertThat(proxy.observer.decisions.get(0).request().groups()).containsExactly("anonymous");

    Curl.Result wrong =
        Curl.viaProxy(
            proxy.port(),
            "-U",
            "alice:nope",
            "-w",
            "%{http_code}",
            "http://" + HTTP_HOST + "/small");
    assertThat(wrong.out()).endsWith("407");
  }

  @Test
  void networksModeGoesBySourceAddress() throws Exception {
    ProxyFixture mapped = proxy(IdentityMode.NETWORKS, Map.of("127.0.0.0/8", List.of("ci")));
    Curl.Result ok = Curl.viaProxy(mapped.port(), "http://" + HTTP_HOST + "/small");
    assertThat(ok.out()).isEqualTo(TestUpstream.SMALL_BODY);
    assertThat(mapped.observer.decisions.get(0).request().groups()).containsExactly("ci");
    assertThat(mapped.observer.decisions.get(0).request().user()).isNull();

    ProxyFixture elsewhere = proxy(IdentityMode.NETWORKS, Map.of("10.0.0.0/8", List.of("ci")));
    Curl.Result refused = Curl.viaProxy(elsewhere.port(), "-i", "http://" + HTTP_HOST + "/small");
    assertThat(refused.out())
        .startsWith("HTTP/1.1 403")
        .contains("X-Agentgate-Rule: builtin:source-network");
  }

  @Test
  void theAuditLogRecordsWhoWentWhereAndNoSecret() throws Exception {
    Path logFile = dir.resolve("audit.log");
    AuditLog auditLog = AuditLog.start(AuditConfig.toFile(logFile));
    ProxyFixture proxy =
        proxy(
            new IdentityConfig(IdentityMode.REQUIRED, usersFile, null, false, null, 0, 1, null),
            auditLog,
            new AuditObserver(auditLog, () -> "v-test", Clock.systemUTC()));
    proxy.policy(LOOK_DEEPER);

    https(proxy); // 407
    https(proxy, "-U", "alice:" + PASSWORD);
    Curl.viaProxy(
        proxy.port(),
        "-U",
        "alice:" + PASSWORD,
        "-H",
        "Authorization: Bearer " + BEARER,
        "-H",
        "x-api-key: " + API_KEY,
        "-b",
        "session=" + COOKIE_VALUE,
        "http://" + HTTP_HOST + "/small?key=" + API_KEY);
    proxy.close(); // drains: every connection has closed and been reported
    auditLog.close();

    String written = Files.readString(logFile, StandardCharsets.UTF_8);
    AuditVerifier.Result verified = AuditVerifier.verify(List.of(logFile));
    assertThat(verified.ok()).as(verified.message()).isTrue();
    for (String secret :
        List.of(PASSWORD, basic("alice", PASSWORD).substring(6), BEARER, API_KEY, COOKIE_VALUE)) {
      assertThat(written).doesNotContain(secret);
    }

    List<JsonNode> events = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : written.split("\n")) {
      events.add(json.readTree(line));
    }
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.path("event").asText()).isEqualTo("decision");
              assertThat(e.path("rule").asText()).isEqualTo("builtin:proxy-auth");
              assertThat(e.path("action").asText()).isEqualTo("BLOCK");
              assertThat(e.has("user")).isFalse();
            });
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.path("phase").asText()).isEqualTo("TLS");
              assertThat(e.path("user").asText()).isEqualTo("alice");
              assertThat(e.path("groups").toString()).isEqualTo("[\"devs\",\"platform\"]");
              assertThat(e.path("sni").asText()).isEqualTo(TLS_HOST);
              assertThat(e.path("ja4").asText()).isNotEmpty();
              assertThat(e.path("policy_version").asText()).isEqualTo("v-test");
            });
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.path("phase").asText()).isEqualTo("HTTP");
              assertThat(e.path("host").asText()).isEqualTo(HTTP_HOST);
              assertThat(e.path("rule").asText()).isEqualTo("allow-http");
            });
    assertThat(events)
        .filteredOn(e -> e.path("event").asText().equals("close"))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.path("bytes_up").asLong()).isPositive())
        .anySatisfy(
            e -> {
              assertThat(e.path("user").asText()).isEqualTo("alice");
              assertThat(e.path("bytes_down").asLong())
                  .isGreaterThan(TestUpstream.SMALL_BODY.length());
              assertThat(e.path("sni").asText()).isEqualTo(TLS_HOST);
              assertThat(e.path("resolved").asText()).startsWith("127.0.0.1:");
            });
  }

  @Test
  void aSaturatedFailClosedAuditLogRefusesNewConnections() throws Exception {
    AuditSink saturated =
        new AuditSink() {
          @Override
          public boolean record(AuditEvent event) {
            return false;
          }

          @Override
          public boolean acceptingNewConnections() {
            return false;
          }

          @Override
          public long droppedCount() {
            return 0;
          }
        };
    ProxyFixture proxy = proxy(IdentityConfig.none(), saturated, ConnectionObserver.NONE);

    Curl.Result r = Curl.viaProxy(proxy.port(), "-i", "http://" + HTTP_HOST + "/small");

    assertThat(r.out()).startsWith("HTTP/1.1 503").contains("audit log saturated");
    assertThat(proxy.observer.errors)
        .contains(dev.agentgate.proxy.observe.ProxyError.AUDIT_SATURATED);
    assertThat(proxy.observer.decisions).isEmpty();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
