package dev.agentgate.proxy.pipeline.intercept;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterceptedRequestsTest {

  private static HttpRequest request(HttpMethod method, String uri, String... headers) {
    HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    for (int i = 0; i < headers.length; i += 2) {
      r.headers().add(headers[i], headers[i + 1]);
    }
    return r;
  }

  @ParameterizedTest
  @CsvSource({
    "api.anthropic.com, api.anthropic.com",
    "API.Anthropic.com:443, api.anthropic.com",
    "[2001:db8::1]:8443, 2001:db8::1",
    "10.0.0.1, 10.0.0.1",
    "api.openai.com., api.openai.com"
  })
  void theHostOfAHostHeader(String header, String host) {
    assertThat(InterceptedRequests.hostOf(header)).isEqualTo(host);
  }

  @Test
  void requestsForTheTunnelsHostInOriginFormPass() {
    assertThat(
            InterceptedRequests.misdirected(
                request(HttpMethod.POST, "/v1/messages", "Host", "api.anthropic.com"),
                "api.anthropic.com"))
        .isNull();
    assertThat(InterceptedRequests.misdirected(request(HttpMethod.OPTIONS, "*"), "a.example"))
        .isNull();
  }

  @Test
  void anotherHostOrAnAbsoluteTargetIsMisdirected() {
    assertThat(
            InterceptedRequests.misdirected(
                request(HttpMethod.GET, "/", "Host", "evil.example"), "api.anthropic.com"))
        .contains("another host");
    assertThat(
            InterceptedRequests.misdirected(
                request(HttpMethod.GET, "https://evil.example/"), "api.anthropic.com"))
        .contains("origin-form");
  }

  @Test
  void theHttpPhaseKeepsTheTunnelsFactsAndAddsTheRequest() {
    EgressRequest tls =
        EgressRequest.builder(Phase.TLS, "api.openai.com", 443)
            .client("10.0.0.5", "alice", Set.of("dev"))
            .tls(true, "api.openai.com", List.of("http/1.1"), "ja3", "t13d_x")
            .build();

    EgressRequest http =
        InterceptedRequests.httpPhase(
            tls,
            request(
                HttpMethod.POST,
                "/v1/responses?x=1",
                "User-Agent",
                "codex_cli_rs/0.50",
                "Proxy-Authorization",
                "Basic c2VjcmV0"));

    assertThat(http.phase()).isEqualTo(Phase.HTTP);
    assertThat(http.user()).isEqualTo("alice");
    assertThat(http.ja4()).isEqualTo("t13d_x");
    assertThat(http.tls()).isTrue();
    assertThat(http.method()).isEqualTo("POST");
    assertThat(http.path()).isEqualTo("/v1/responses?x=1");
    assertThat(http.headers()).containsKey("user-agent").doesNotContainKey("proxy-authorization");
  }

  @Test
  void preparingDropsHopByHopHeadersAndAddsAMissingHost() {
    HttpRequest r =
        request(HttpMethod.GET, "/", "Connection", "keep-alive, X-Trace", "X-Trace", "1");

    InterceptedRequests.prepare(r, "api.example.test", 8443);

    assertThat(r.headers().names()).containsExactly("host");
    assertThat(r.headers().get("Host")).isEqualTo("api.example.test:8443");
  }

  @Test
  void aWholeBodyIsFramedByLength() {
    HttpRequest r =
        request(
            HttpMethod.POST,
            "/",
            "Transfer-Encoding",
            "chunked",
            "Content-Encoding",
            "gzip",
            "Content-Type",
            "application/json");

    InterceptedRequests.fixedBody(r, 42, true);

    assertThat(r.headers().get("Content-Length")).isEqualTo("42");
    assertThat(r.headers().contains("Transfer-Encoding")).isFalse();
    assertThat(r.headers().contains("Content-Encoding")).isFalse();
    assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(InterceptedRequests.bodiless(r)).isFalse();
    assertThat(InterceptedRequests.bodiless(request(HttpMethod.GET, "/"))).isTrue();
  }

  @Test
  void aFindingsBlockNamesTheDetectorsAndKeepsTheRuleAndMessage() {
    Decision redact =
        new Decision(Action.REDACT, "r1", "why", "Ask security.", "strict", List.of(), null);

    Decision block =
        InterceptedRequests.findingsBlock(
            redact, new TreeSet<>(List.of("github-token", "aws-access-key")));

    assertThat(block.action()).isEqualTo(Action.BLOCK);
    assertThat(block.ruleId()).isEqualTo("r1");
    assertThat(block.message()).isEqualTo("Ask security.");
    assertThat(block.reason())
        .isEqualTo(
            "redactor strict found aws-access-key, github-token in the request (on_finding: block)");
  }
}
