package dev.agentgate.proxy.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityConfigTest {

  @Test
  void invalidSettingsAreOneLineErrorsNamingTheKey() {
    assertThatThrownBy(() -> IdentityMode.parse("sometimes"))
        .hasMessage("identity.mode: sometimes (expected: required, optional, networks)");
    assertThatThrownBy(
            () ->
                new IdentityConfig(
                    IdentityMode.REQUIRED, null, null, false, null, null, null, null))
        .hasMessageStartingWith("identity.users_file: missing");
    assertThatThrownBy(
            () ->
                new IdentityConfig(
                    IdentityMode.NETWORKS, null, null, false, null, null, null, null))
        .hasMessageStartingWith("identity.networks: empty");
    assertThatThrownBy(
            () ->
                new IdentityConfig(
                    IdentityMode.NETWORKS,
                    null,
                    Map.of("10.0.0.0/40", List.of("ci")),
                    false,
                    null,
                    null,
                    null,
                    null))
        .hasMessageStartingWith("identity.networks: 10.0.0.0/40 (expected:");
  }

  @Test
  void openProxyGuard() throws Exception {
    InetAddress any = InetAddress.getByName("0.0.0.0");
    InetAddress lan = InetAddress.getByName("192.0.2.10");
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    InetAddress loopback6 = InetAddress.getByName("::1");

    IdentityConfig none = IdentityConfig.none();
    assertThatCode(() -> none.checkNotOpenProxy(loopback)).doesNotThrowAnyException();
    assertThatCode(() -> none.checkNotOpenProxy(loopback6)).doesNotThrowAnyException();
    assertThatThrownBy(() -> none.checkNotOpenProxy(any))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "refusing to listen on 0.0.0.0: no identity is configured, so anyone who can reach it"
                + " could use it as an open proxy; set identity.mode to required (with a"
                + " users_file) or networks, or set identity.allow_open_proxy: true if that is"
                + " intended");

    IdentityConfig optional =
        new IdentityConfig(
            IdentityMode.OPTIONAL, Path.of("u.txt"), null, false, null, null, null, null);
    assertThatThrownBy(() -> optional.checkNotOpenProxy(lan))
        .hasMessageContaining("identity.mode is optional");

    IdentityConfig everything =
        new IdentityConfig(
            IdentityMode.NETWORKS,
            null,
            Map.of("0.0.0.0/0", List.of("all")),
            false,
            null,
            null,
            null,
            null);
    assertThatThrownBy(() -> everything.checkNotOpenProxy(lan))
        .hasMessageContaining("maps every address");

    IdentityConfig required =
        new IdentityConfig(
            IdentityMode.REQUIRED, Path.of("u.txt"), null, false, null, null, null, null);
    assertThatCode(() -> required.checkNotOpenProxy(any)).doesNotThrowAnyException();
    IdentityConfig ci =
        new IdentityConfig(
            IdentityMode.NETWORKS,
            null,
            Map.of("10.20.0.0/16", List.of("ci")),
            false,
            null,
            null,
            null,
            null);
    assertThatCode(() -> ci.checkNotOpenProxy(any)).doesNotThrowAnyException();

    IdentityConfig allowed = new IdentityConfig(null, null, null, true, null, null, null, null);
    assertThatCode(() -> allowed.checkNotOpenProxy(any)).doesNotThrowAnyException();
  }
}
