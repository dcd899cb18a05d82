package dev.agentgate.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainFactsTest {
  private static ExplainFacts parse(String json) throws Exception {
    return ExplainFacts.parse(new ObjectMapper().readTree(json));
  }

  @Test
  void aTunnelHasThreePhasesEachKnowingOnlyItsFacts() throws Exception {
    List<EgressRequest> phases =
        parse(
                """
                {"client": "10.0.0.1", "user": "alice", "groups": ["eng"], "host": "API.example",
                 "tls": {"sni": "api.example", "alpn": ["h2"], "ja4": "t13d_x_y"},
                 "http": {"method": "POST", "path": "/v1", "headers": {"X-A": ["1", "2"]}}}
                """)
            .phases();

    assertThat(phases)
        .extracting(EgressRequest::phase)
        .containsExactly(Phase.CONNECT, Phase.TLS, Phase.HTTP);
    EgressRequest connect = phases.get(0);
    assertThat(connect.host()).isEqualTo("api.example");
    assertThat(connect.port()).isEqualTo(443);
    assertThat(connect.groups()).containsExactly("eng");
    assertThat(connect.ja4()).isNull();
    assertThat(connect.method()).isNull();
    assertThat(phases.get(1).ja4()).isEqualTo("t13d_x_y");
    assertThat(phases.get(1).method()).isNull();
    assertThat(phases.get(2).tls()).isTrue();
    assertThat(phases.get(2).headers().get("x-a")).containsExactly("1", "2");
  }

  @Test
  void httpWithoutTlsIsPlainHttp() throws Exception {
    List<EgressRequest> phases =
        parse("{\"host\": \"h.example\", \"port\": 80, \"http\": {\"path\": \"/x\"}}").phases();
    assertThat(phases).extracting(EgressRequest::phase).containsExactly(Phase.CONNECT, Phase.HTTP);
    assertThat(phases.get(1).tls()).isFalse();
    assertThat(phases.get(1).method()).isEqualTo("GET");
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> parse("[]")).hasMessageStartingWith("facts:");
    assertThatThrownBy(() -> parse("{}")).hasMessageStartingWith("host: missing");
    assertThatThrownBy(() -> parse("{\"host\": \"h\", \"port\": 70000}"))
        .hasMessageStartingWith("port:");
    assertThatThrownBy(() -> parse("{\"host\": \"h\", \"hots\": 1}"))
        .hasMessageStartingWith("facts.hots: unknown fact");
    assertThatThrownBy(() -> parse("{\"host\": \"h\", \"tls\": {\"ja5\": \"x\"}}"))
        .hasMessageStartingWith("tls.ja5: unknown fact");
  }
}
