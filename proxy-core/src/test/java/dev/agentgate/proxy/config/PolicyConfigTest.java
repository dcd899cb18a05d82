package dev.agentgate.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentgate.proxy.config.ProxyConfig.PolicyOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The hot-reload, signature, shadow and admin API keys. */
class PolicyConfigTest {
  private static ProxyConfig parse(String yaml) throws ConfigException {
    return ConfigLoader.parse("agentgate.yaml", yaml, Path.of("/etc/agentgate"));
  }

  @Test
  void defaults() throws Exception {
    assertThat(parse("").policyOptions()).isEqualTo(PolicyOptions.DEFAULTS);
    assertThat(PolicyOptions.DEFAULTS.pollInterval()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void everyKeyIsRead() throws Exception {
    ProxyConfig c =
        parse(
            """
            policy:
              file: policy.yaml
              poll_interval: 500ms
              shadow_policy: next/policy.yaml
              require_signature: true
              public_key: keys/policy.pub
            admin:
              token_file: /run/secrets/admin-token
            """);
    PolicyOptions o = c.policyOptions();
    assertThat(c.policyFile()).isEqualTo(Path.of("/etc/agentgate/policy.yaml"));
    assertThat(o.pollInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.shadowPolicy()).isEqualTo(Path.of("/etc/agentgate/next/policy.yaml"));
    assertThat(o.requireSignature()).isTrue();
    assertThat(o.publicKey()).isEqualTo(Path.of("/etc/agentgate/keys/policy.pub"));
    assertThat(o.adminTokenFile()).isEqualTo(Path.of("/run/secrets/admin-token"));
  }

  @Test
  void mistakesNameTheirKey() {
    assertThatThrownBy(() -> parse("policy:\n  require_signature: true\n"))
        .hasMessage(
            "agentgate.yaml: policy.require_signature: needs policy.public_key (a PEM file)");
    assertThatThrownBy(() -> parse("policy:\n  require_signature: maybe\n"))
        .hasMessageContaining("policy.require_signature: bad value 'maybe'");
    assertThatThrownBy(() -> parse("policy:\n  poll_interval: 0s\n"))
        .hasMessageContaining("policy.poll_interval: must be greater than zero");
    assertThatThrownBy(() -> parse("admin:\n  token: abc\n"))
        .hasMessageContaining("admin.token: unknown key");
  }
}
