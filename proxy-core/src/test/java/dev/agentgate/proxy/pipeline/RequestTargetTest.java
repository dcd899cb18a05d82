package dev.agentgate.proxy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetTest {
  @ParameterizedTest
  @CsvSource({
    "http://example.com/a/b?c=d, example.com, 80, /a/b?c=d",
    "HTTP://Example.COM:8080, example.com, 8080, /",
    "http://example.com?x=1, example.com, 80, /?x=1",
    "http://example.com/p#frag, example.com, 80, /p",
    "http://[::1]:81/x, ::1, 81, /x",
    "http://10.0.0.1/, 10.0.0.1, 80, /",
    "http://under_score.example/, under_score.example, 80, /"
  })
  void absoluteFormIsSplitIntoHostPortAndOriginForm(
      String uri, String host, int port, String path) {
    RequestTarget t = RequestTarget.absoluteHttp(uri);
    assertThat(t).isNotNull();
    assertThat(t.host()).isEqualTo(host);
    assertThat(t.port()).isEqualTo(port);
    assertThat(t.originForm()).isEqualTo(path);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/origin/form",
        "*",
        "https://example.com/",
        "ftp://example.com/",
        "http://user:pw@example.com/",
        "http://exa mple.com/",
        "http://example.com:0/",
        "http://example.com:65536/",
        "http://example.com:8x/",
        "http://[::1/",
        "http://[zz::1]/",
        "http:///path",
        "http://.example.com/"
      })
  void anythingElseIsRefused(String uri) {
    assertThat(RequestTarget.absoluteHttp(uri)).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "api.example.com:443, api.example.com, 443",
    "API.Example.com:8443, api.example.com, 8443",
    "[2001:db8::1]:443, 2001:db8::1, 443",
    "1.2.3.4:443, 1.2.3.4, 443"
  })
  void connectTargetsNeedHostAndPort(String authority, String host, int port) {
    RequestTarget t = RequestTarget.connect(authority);
    assertThat(t.host()).isEqualTo(host);
    assertThat(t.port()).isEqualTo(port);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"api.example.com", "api.example.com:", ":443", "a:b:443", "[::1]", "x@y:443"})
  void malformedConnectTargetsAreRefused(String authority) {
    assertThat(RequestTarget.connect(authority)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"example.com, 80, example.com", "example.com, 8080, example.com:8080"})
  void hostHeaderOmitsTheDefaultPort(String host, int port, String header) {
    assertThat(new RequestTarget(host, port, "/").hostHeader(80)).isEqualTo(header);
  }
}
