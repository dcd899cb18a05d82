package dev.agentgate.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentgate.proxy.identity.IdentityConfig;
import dev.agentgate.proxy.identity.IdentityMode;
import dev.agentgate.proxy.observe.audit.AuditConfig;
import dev.agentgate.proxy.upstream.CidrRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  private static ProxyConfig parse(String yaml) throws ConfigException {
    return ConfigLoader.parse("agentgate.yaml", yaml, Path.of("/etc/agentgate"));
  }

  @Test
  void emptyFileMeansDefaults() throws Exception {
    assertThat(parse("")).isEqualTo(ProxyConfig.defaults());
    assertThat(parse("{}")).isEqualTo(ProxyConfig.defaults());
  }

  @Test
  void everyKeyIsRead() throws Exception {
    ProxyConfig c =
        parse(
            """
            listeners:
              proxy: [127.0.0.1:3128, "[::1]:3128"]
              admin: 0.0.0.0:9090
              io_threads: 2
            policy:
              file: policy.yaml
            audit:
              log: /var/log/agentgate/audit.jsonl
            timeouts:
              connect: 5s
              idle: 10m
              request_head: 500ms
              drain: 1h
            limits:
              max_header_size: 16384
              max_connections_per_client: 100
            upstream:
              connect_ports: [443, 8443]
              allow_private_ranges: [127.0.0.1/32, "10.0.0.0/8"]
              overrides:
                API.example.test: 127.0.0.1:8443
            """);

    assertThat(c.proxyListeners())
        .containsExactly(new HostPort("127.0.0.1", 3128), new HostPort("::1", 3128));
    assertThat(c.adminListener()).isEqualTo(new HostPort("0.0.0.0", 9090));
    assertThat(c.ioThreads()).isEqualTo(2);
    assertThat(c.policyFile()).isEqualTo(Path.of("/etc/agentgate/policy.yaml"));
    assertThat(c.audit().file()).isEqualTo(Path.of("/var/log/agentgate/audit.jsonl"));
    assertThat(c.timeouts())
        .isEqualTo(
            new ProxyConfig.Timeouts(
                Duration.ofSeconds(5),
                Duration.ofMinutes(10),
                Duration.ofMillis(500),
                Duration.ofHours(1)));
    assertThat(c.limits()).isEqualTo(new ProxyConfig.Limits(16384, 100));
    assertThat(c.upstream().connectPorts()).isEqualTo(Set.of(443, 8443));
    assertThat(c.upstream().allowedPrivateRanges())
        .isEqualTo(List.of(CidrRange.parse("127.0.0.1/32"), CidrRange.parse("10.0.0.0/8")));
    assertThat(c.upstream().overrides())
        .containsEntry("api.example.test", new HostPort("127.0.0.1", 8443));
  }

  @Test
  void identityAndAuditSections() throws Exception {
    ProxyConfig c =
        parse(
            """
            identity:
              mode: required
              users_file: users.txt
              networks:
                10.20.0.0/16: [ci]
                "fd00:c1::/32": [ci, vdi]
              allow_open_proxy: false
              cache_seconds: 60
              reload_seconds: 5
              verify_threads: 2
              verify_queue: 64
            audit:
              log: audit/audit.log
              rotate_size: 64MiB
              keep_files: 3
              queue: 1024
              when_full: fail_closed
              fsync: true
            """);

    assertThat(c.identity())
        .isEqualTo(
            new IdentityConfig(
                IdentityMode.REQUIRED,
                Path.of("/etc/agentgate/users.txt"),
                Map.of("10.20.0.0/16", List.of("ci"), "fd00:c1::/32", List.of("ci", "vdi")),
                false,
                60,
                5,
                2,
                64));
    assertThat(c.audit())
        .isEqualTo(
            new AuditConfig(
                Path.of("/etc/agentgate/audit/audit.log"),
                64L * 1024 * 1024,
                3,
                1024,
                AuditConfig.WhenFull.FAIL_CLOSED,
                true));
  }

  @Test
  void theExampleConfigListsTheDefaults() throws Exception {
    Path example = Path.of("..", "deploy", "config", "agentgate.yaml");

    assertThat(ConfigLoader.load(example)).isEqualTo(ProxyConfig.defaults());
  }

  @Test
  void interceptionSection() throws Exception {
    ProxyConfig c =
        parse(
            """
            interception:
              ca_cert: ca/tls.crt
              ca_key: /run/secrets/ca/tls.key
              data_dir: /var/lib/agentgate
              splice: [pinned.example.com, "*.apple.com"]
              upstream_ca_bundle: corp-roots.pem
              cache_size: 50
              leaf_validity: 6h
            """);

    ProxyConfig.Interception i = c.interception();
    assertThat(i.caCert()).isEqualTo(Path.of("/etc/agentgate/ca/tls.crt"));
    assertThat(i.caKey()).isEqualTo(Path.of("/run/secrets/ca/tls.key"));
    assertThat(i.dataDir()).isEqualTo(Path.of("/var/lib/agentgate"));
    assertThat(i.splice())
        .extracting(Object::toString)
        .containsExactly("pinned.example.com", "*.apple.com");
    assertThat(i.upstreamCaBundle()).isEqualTo(Path.of("/etc/agentgate/corp-roots.pem"));
    assertThat(i.cacheSize()).isEqualTo(50);
    assertThat(i.leafValidity()).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void interceptionDefaultsToTheDataDirectoryOfCaInit() throws Exception {
    ProxyConfig.Interception i = parse("").interception();

    assertThat(i.caCert()).isNull();
    assertThat(i.dataDir()).isEqualTo(Path.of("data"));
    assertThat(i.splice()).isEmpty();
    assertThat(i.cacheSize()).isEqualTo(1000);
    assertThat(i.leafValidity()).isEqualTo(Duration.ofHours(24));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "interception: {ca_cert: a.pem}"
            + "|agentgate.yaml: interception.ca_cert and interception.ca_key go together",
        "interception: {splice: [\"*\"]}|agentgate.yaml: interception.splice[0]: bad value '*'",
        "interception: {leaf_validity: 1m}|interception.leaf_validity must be at least 10m",
        "interception: {cache_size: 0}|agentgate.yaml: interception.cache_size: bad value '0'",
        "interception: {verify: false}|agentgate.yaml: interception.verify: unknown key"
      })
  void interceptionErrorsNameTheKey(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).hasMessageContaining(message);
  }

  static Stream<Arguments> identityAndAuditErrors() {
    return Stream.of(
        Arguments.of(
            "identity:\n  mode: sometimes\n",
            "agentgate.yaml: identity.mode: sometimes (expected: required, optional, networks)"),
        Arguments.of(
            "identity:\n  mode: required\n",
            "agentgate.yaml: identity.users_file: missing (expected: a users file"),
        Arguments.of(
            "identity:\n  users_file: u.txt\n",
            "agentgate.yaml: identity.mode: missing (expected: required, optional, networks)"),
        Arguments.of(
            "identity:\n  mode: networks\n  networks:\n    10.0.0.0/33: [ci]\n",
            "agentgate.yaml: identity.networks: 10.0.0.0/33 (expected: an IPv4 or IPv6 network"),
        Arguments.of(
            "identity:\n  allow_open_proxy: yes please\n",
            "agentgate.yaml: identity.allow_open_proxy: bad value 'yes please' (expected true or"
                + " false)"),
        Arguments.of(
            "identity:\n  mode: optional\n  colour: red\n",
            "agentgate.yaml: identity.colour: unknown key"),
        Arguments.of(
            "audit:\n  when_full: panic\n",
            "agentgate.yaml: audit.when_full: panic (expected: fail_open, fail_closed)"),
        Arguments.of(
            "audit:\n  rotate_size: huge\n",
            "agentgate.yaml: audit.rotate_size: bad value 'huge' (expected a size such as 100MiB"));
  }

  @ParameterizedTest
  @MethodSource("identityAndAuditErrors")
  void identityAndAuditErrorsNameTheKey(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void adminCanBeTurnedOff() throws Exception {
    assertThat(parse("listeners:\n  admin: off\n").adminListener()).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "listen: 1.2.3.4:1 | agentgate.yaml: listen: unknown key",
        "timeouts:\\n  idel: 5s | agentgate.yaml: timeouts.idel: unknown key",
        "timeouts:\\n  idle: soon | agentgate.yaml: timeouts.idle: bad value 'soon' (expected a duration",
        "timeouts:\\n  connect: 0s | agentgate.yaml: timeouts.connect: must be greater than zero",
        "listeners:\\n  proxy: localhost | agentgate.yaml: listeners.proxy: bad value 'localhost' (expected host:port",
        "listeners:\\n  proxy: [a:1, b] | agentgate.yaml: listeners.proxy[1]: bad value 'b'",
        "limits:\\n  max_header_size: 10 | agentgate.yaml: limits.max_header_size: bad value '10' (expected 1024..1048576)",
        "upstream:\\n  connect_ports: [443, 70000] | agentgate.yaml: upstream.connect_ports[1]: bad value '70000'",
        "upstream:\\n  allow_private_ranges: [10.0.0.0/40] | agentgate.yaml: upstream.allow_private_ranges[0]: bad value '10.0.0.0/40'",
        "upstream:\\n  overrides:\\n    a.test: nope | agentgate.yaml: upstream.overrides.a.test: bad value 'nope'",
        "timeouts: 5s | agentgate.yaml: timeouts: expected a mapping of keys",
        "a: 1\\na: 2 | agentgate.yaml:2: not valid YAML: Duplicate field 'a'"
      })
  void mistakesFailWithOneLineNamingTheKey(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml.replace("\\n", "\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message)
        .hasMessageNotContaining("\n");
  }

  @Test
  void missingFileIsOneLine(@org.junit.jupiter.api.io.TempDir Path dir) {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
        .hasMessageEndingWith("nope.yaml: no such file");
  }

  @Test
  void theShippedExampleConfigLoads() throws Exception {
    Path example = Path.of("..", "deploy", "config", "agentgate.yaml");
    assertThat(example).exists();
    ProxyConfig c =
        ConfigLoader.parse("agentgate.yaml", Files.readString(example), example.getParent());
    assertThat(c.proxyListeners()).isNotEmpty();
  }
}
