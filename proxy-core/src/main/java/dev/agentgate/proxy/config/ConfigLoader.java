package dev.agentgate.proxy.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.agentgate.policy.match.HostPattern;
import dev.agentgate.proxy.config.ProxyConfig.Interception;
import dev.agentgate.proxy.config.ProxyConfig.Limits;
import dev.agentgate.proxy.config.ProxyConfig.PolicyOptions;
import dev.agentgate.proxy.config.ProxyConfig.Timeouts;
import dev.agentgate.proxy.config.ProxyConfig.Upstream;
import dev.agentgate.proxy.identity.IdentityConfig;
import dev.agentgate.proxy.identity.IdentityMode;
import dev.agentgate.proxy.observe.audit.AuditConfig;
import dev.agentgate.proxy.upstream.CidrRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the YAML config file. Absent keys take the defaults of {@link ProxyConfig#defaults()};
 * unknown keys and bad values fail with one line naming the key. Relative paths in the file are
 * resolved against the file's directory.
 */
public final class ConfigLoader {
  private static final String HOST_PORT = "host:port";

  private ConfigLoader() {}

  /** Reads and validates {@code file}. */
  public static ProxyConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(file.getFileName().toString(), text, base);
  }

  /** Parses config text; {@code base} resolves relative paths. */
  public static ProxyConfig parse(String source, String yaml, Path base) throws ConfigException {
    JsonNode root;
    try {
      ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
      mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      root = mapper.readTree(yaml);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ConfigException(
          source + ":" + line + ": not valid YAML: " + e.getOriginalMessage());
    }
    ConfigSection top = new ConfigSection(source, "", root);
    ProxyConfig defaults = ProxyConfig.defaults();

    ConfigSection listeners = top.section("listeners");
    List<HostPort> proxy =
        listeners.list("proxy", defaults.proxyListeners(), HOST_PORT, HostPort::parse);
    String adminText = listeners.string("admin", defaults.adminListener().toString());
    // YAML 1.1 reads a bare off as false.
    boolean off = "off".equalsIgnoreCase(adminText) || "false".equals(adminText);
    HostPort admin = off ? null : parseAdmin(listeners, adminText);
    int ioThreads = listeners.integer("io_threads", 0, 0, 1024);
    listeners.finish();

    ConfigSection policy = top.section("policy");
    Path policyFile = path(base, policy.string("file", null));
    PolicyOptions policyOptions = policyOptions(policy, top.section("admin"), base);

    AuditConfig audit = audit(source, top.section("audit"), base);
    IdentityConfig identity = identity(source, top.section("identity"), base);

    Timeouts timeouts = timeouts(top.section("timeouts"));
    Limits limits = limits(top.section("limits"));
    Upstream upstream = upstream(top.section("upstream"));
    Interception interception = interception(source, top.section("interception"), base);
    top.finish();
    return new ProxyConfig(
        proxy,
        admin,
        policyFile,
        audit,
        identity,
        ioThreads,
        timeouts,
        limits,
        upstream,
        policyOptions,
        interception);
  }

  private static PolicyOptions policyOptions(ConfigSection policy, ConfigSection admin, Path base)
      throws ConfigException {
    PolicyOptions d = PolicyOptions.DEFAULTS;
    Duration poll =
        positive(
            policy, "policy.poll_interval", policy.duration("poll_interval", d.pollInterval()));
    Path shadow = path(base, policy.string("shadow_policy", null));
    boolean required = policy.bool("require_signature", d.requireSignature());
    Path publicKey = path(base, policy.string("public_key", null));
    if (required && publicKey == null) {
      throw policy.error("policy.require_signature", "needs policy.public_key (a PEM file)");
    }
    policy.finish();
    Path token = path(base, admin.string("token_file", null));
    admin.finish();
    return new PolicyOptions(poll, shadow, required, publicKey, token);
  }

  private static HostPort parseAdmin(ConfigSection listeners, String text) throws ConfigException {
    try {
      return HostPort.parse(text);
    } catch (IllegalArgumentException e) {
      throw listeners.error(
          "listeners.admin", "bad value '" + text + "' (expected host:port or off)");
    }
  }

  private static AuditConfig audit(String source, ConfigSection s, Path base)
      throws ConfigException {
    AuditConfig d = AuditConfig.off();
    Path log = path(base, s.string("log", null));
    long rotate = s.size("rotate_size", d.rotateBytes());
    int keep = s.integer("keep_files", d.keepFiles(), 1, 1000);
    int queue = s.integer("queue", d.queue(), 16, 1 << 20);
    String whenFull = s.string("when_full", null);
    boolean fsync = s.bool("fsync", false);
    s.finish();
    try {
      return new AuditConfig(
          log,
          rotate,
          keep,
          queue,
          whenFull == null ? null : AuditConfig.WhenFull.parse(whenFull),
          fsync);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ": " + e.getMessage());
    }
  }

  private static IdentityConfig identity(String source, ConfigSection s, Path base)
      throws ConfigException {
    IdentityConfig d = IdentityConfig.none();
    String mode = s.string("mode", null);
    Path users = path(base, s.string("users_file", null));
    Map<String, List<String>> networks = new LinkedHashMap<>();
    ConfigSection nets = s.section("networks");
    for (Iterator<String> it = s.keys("networks"); it.hasNext(); ) {
      String cidr = it.next();
      networks.put(cidr, nets.list(cidr, List.of(), "a group name", g -> g));
    }
    nets.finish();
    boolean allowOpen = s.bool("allow_open_proxy", false);
    int cache = s.integer("cache_seconds", d.cacheSeconds(), 0, 86_400);
    int reload = s.integer("reload_seconds", d.reloadSeconds(), 0, 86_400);
    int threads = s.integer("verify_threads", d.verifyThreads(), 1, 256);
    int queue = s.integer("verify_queue", d.verifyQueue(), 1, 1 << 20);
    s.finish();
    if (mode == null && (users != null || !networks.isEmpty())) {
      throw new ConfigException(
          source + ": identity.mode: missing (expected: required, optional, networks)");
    }
    try {
      return new IdentityConfig(
          mode == null ? null : IdentityMode.parse(mode),
          users,
          networks,
          allowOpen,
          cache,
          reload,
          threads,
          queue);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ": " + e.getMessage());
    }
  }

  private static Timeouts timeouts(ConfigSection s) throws ConfigException {
    Timeouts d = Timeouts.DEFAULTS;
    Timeouts t =
        new Timeouts(
            positive(s, "timeouts.connect", s.duration("connect", d.connect())),
            positive(s, "timeouts.idle", s.duration("idle", d.idle())),
            positive(s, "timeouts.request_head", s.duration("request_head", d.requestHead())),
            s.duration("drain", d.drain()));
    s.finish();
    return t;
  }

  private static Duration positive(ConfigSection s, String key, Duration value)
      throws ConfigException {
    if (value.isZero()) {
      throw s.error(key, "must be greater than zero");
    }
    return value;
  }

  private static Limits limits(ConfigSection s) throws ConfigException {
    Limits d = Limits.DEFAULTS;
    Limits l =
        new Limits(
            s.integer("max_header_size", d.maxHeaderSize(), 1024, 1024 * 1024),
            s.integer("max_connections_per_client", d.maxConnectionsPerClient(), 1, 1_000_000));
    s.finish();
    return l;
  }

  private static Upstream upstream(ConfigSection s) throws ConfigException {
    Upstream d = Upstream.DEFAULTS;
    List<Integer> ports =
        s.list(
            "connect_ports", List.copyOf(d.connectPorts()), "a port 1..65535", ConfigLoader::port);
    List<CidrRange> ranges =
        s.list("allow_private_ranges", d.allowedPrivateRanges(), "a CIDR range", CidrRange::parse);
    Map<String, HostPort> overrides = new LinkedHashMap<>();
    for (Iterator<String> it = s.keys("overrides"); it.hasNext(); ) {
      String host = it.next();
      overrides.put(
          host.toLowerCase(Locale.ROOT), s.entry("overrides", host, HOST_PORT, HostPort::parse));
    }
    s.finish();
    return new Upstream(new HashSet<>(ports), ranges, overrides);
  }

  private static Interception interception(String source, ConfigSection s, Path base)
      throws ConfigException {
    Interception d = Interception.DEFAULTS;
    Path caCert = path(base, s.string("ca_cert", null));
    Path caKey = path(base, s.string("ca_key", null));
    String dir = s.string("data_dir", null);
    Path dataDir = dir == null ? d.dataDir() : path(base, dir);
    List<HostPattern> splice =
        s.list("splice", List.of(), "a host or *.suffix", HostPattern::parse);
    Path bundle = path(base, s.string("upstream_ca_bundle", null));
    int cacheSize = s.integer("cache_size", d.cacheSize(), 1, 1_000_000);
    Duration validity = s.duration("leaf_validity", d.leafValidity());
    s.finish();
    try {
      return new Interception(caCert, caKey, dataDir, splice, bundle, cacheSize, validity);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ": " + e.getMessage());
    }
  }

  private static Integer port(String text) {
    int p;
    try {
      p = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number");
    }
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException("out of range");
    }
    return p;
  }

  private static Path path(Path base, String text) {
    if (text == null) {
      return null;
    }
    Path p = Path.of(text);
    return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
  }
}
