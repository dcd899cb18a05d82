package dev.agentgate.proxy.reload;

import static dev.agentgate.proxy.testing.ProxyFixture.HTTP_HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentgate.policy.store.Ed25519Keys;
import dev.agentgate.policy.store.PolicyListener;
import dev.agentgate.policy.store.ReloadEvent;
import dev.agentgate.proxy.admin.PolicyApi;
import dev.agentgate.proxy.config.ProxyConfig.PolicyOptions;
import dev.agentgate.proxy.testing.ProxyFixture;
import dev.agentgate.proxy.testing.ReloadingProxy;
import dev.agentgate.proxy.testing.TestCa;
import dev.agentgate.proxy.testing.TestUpstream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With require_signature, only policies signed by a configured key apply, from any source. */
class SignedPolicyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestUpstream upstream;
  private final KeyPair key = Ed25519Keys.generate();
  private final KeyPair stranger = Ed25519Keys.generate();
  private ReloadingProxy proxy;

  @BeforeAll
  static void upstream() throws Exception {
    upstream = new TestUpstream(TestCa.create(ProxyFixture.TLS_HOST));
  }

  @AfterAll
  static void stopUpstream() {
    upstream.close();
  }

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    Path pub = Files.writeString(dir.resolve("policy.pub"), Ed25519Keys.publicPem(key.getPublic()));
    Path file = dir.resolve("policy.yaml");
    String first = Texts.allowAll("signed-1");
    Files.writeString(file, first);
    Files.writeString(dir.resolve("policy.yaml.sig"), sign(key, first));
    proxy =
        ReloadingProxy.start(
            upstream,
            dir,
            file,
            o -> new PolicyOptions(o.pollInterval(), null, true, pub, o.adminTokenFile()),
            PolicyListener.NONE);
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  private static String sign(KeyPair pair, String text) {
    return Ed25519Keys.sign(pair.getPrivate(), text.getBytes(StandardCharsets.UTF_8));
  }

  private String liveVersion() throws Exception {
    return JSON.readTree(proxy.admin("GET", "/v1/policy", null).body()).path("version").asText();
  }

  @Test
  void theSignedStartupPolicyIsLiveAndNamesItsKey() throws Exception {
    JsonNode p = JSON.readTree(proxy.admin("GET", "/v1/policy", null).body());
    assertThat(p.path("version").asText()).isEqualTo("signed-1");
    assertThat(p.path("signed_by").asText()).isEqualTo(Ed25519Keys.fingerprint(key.getPublic()));
  }

  @Test
  void anUnsignedPushIsRejected() throws Exception {
    HttpResponse<String> r = proxy.admin("PUT", "/v1/policy", Texts.blocking("api-2", HTTP_HOST));

    assertThat(r.statusCode()).isEqualTo(422);
    JsonNode error = JSON.readTree(r.body()).path("errors").get(0);
    assertThat(error.path("message").asText()).startsWith("signature: missing");
    assertThat(error.path("line").asInt()).isZero();
    assertThat(liveVersion()).isEqualTo("signed-1");
  }

  @Test
  void aPushSignedByAnotherKeyIsRejected() throws Exception {
    String policy = Texts.blocking("api-2", HTTP_HOST);
    HttpResponse<String> r =
        proxy.admin(
            "PUT",
            "/v1/policy",
            policy,
            Map.of(PolicyApi.SIGNATURE_HEADER, sign(stranger, policy)));

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(r.body()).path("errors").get(0).path("message").asText())
        .startsWith("signature: does not verify");
    assertThat(liveVersion()).isEqualTo("signed-1");
  }

  @Test
  void aSignatureOfOtherTextIsRejected() throws Exception {
    String policy = Texts.blocking("api-2", HTTP_HOST);
    HttpResponse<String> r =
        proxy.admin(
            "PUT",
            "/v1/policy",
            policy,
            Map.of(PolicyApi.SIGNATURE_HEADER, sign(key, policy + "# edited after signing\n")));
    assertThat(r.statusCode()).isEqualTo(422);
  }

  @Test
  void aPushSignedByTheKeyIsApplied() throws Exception {
    String policy = Texts.blocking("api-2", HTTP_HOST);
    HttpResponse<String> r =
        proxy.admin(
            "PUT", "/v1/policy", policy, Map.of(PolicyApi.SIGNATURE_HEADER, sign(key, policy)));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(liveVersion()).isEqualTo("api-2");
  }

  @Test
  void aFileWithoutAMatchingSignatureIsRejectedUntilItsSigFollows() throws Exception {
    String policy = Texts.blocking("file-2", HTTP_HOST);
    Files.writeString(proxy.policyFile, policy);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> proxy.runtime().store().lastReload().result() == ReloadEvent.Result.REJECTED);
    assertThat(proxy.runtime().store().lastReload().errors().get(0).message())
        .startsWith("signature: does not verify");
    assertThat(liveVersion()).isEqualTo("signed-1");

    Files.writeString(proxy.policyFile.resolveSibling("policy.yaml.sig"), sign(key, policy));
    await().atMost(Duration.ofSeconds(20)).until(() -> "file-2".equals(liveVersion()));
  }
}
