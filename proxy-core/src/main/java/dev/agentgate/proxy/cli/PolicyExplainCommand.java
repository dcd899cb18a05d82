package dev.agentgate.proxy.cli;

import dev.agentgate.policy.Decision;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.HostNames;
import dev.agentgate.policy.Phase;
import dev.agentgate.policy.agents.Identification;
import dev.agentgate.policy.lang.CompiledPolicy;
import dev.agentgate.policy.lang.PolicyCompiler;
import dev.agentgate.policy.lang.PolicyError;
import dev.agentgate.policy.match.IpAddress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentgate policy explain FILE --host H ...}: the agent the policy's catalog identifies
 * from the given facts, with its evidence, and the decision at each phase (CONNECT, TLS, HTTP) with
 * the rule and reason, up to the phase where the proxy would stop.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Show the agent identified and the decision at each phase (CONNECT, TLS, HTTP) for the"
          + " given facts of a connection.",
      "Exit status: 0 explained, 1 the policy has errors, 2 usage error or unreadable file."
    })
public final class PolicyExplainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "Policy file (YAML).")
  Path file;

  @Option(names = "--host", required = true, description = "Destination host (CONNECT host).")
  String host;

  @Option(names = "--port", description = "Destination port (default: 443, 80 with --plain-http).")
  Integer port;

  @Option(names = "--plain-http", description = "A plain-HTTP request: no TLS phase, tls=false.")
  boolean plainHttp;

  @Option(names = "--sni", description = "SNI of the ClientHello (default: the host, if a name).")
  String sni;

  @Option(names = "--no-sni", description = "The ClientHello has no SNI.")
  boolean noSni;

  @Option(names = "--ja4", description = "JA4 of the ClientHello.")
  String ja4;

  @Option(names = "--ja3", description = "JA3 hash of the ClientHello.")
  String ja3;

  @Option(names = "--alpn", split = ",", description = "ALPN protocols offered, e.g. h2,http/1.1.")
  List<String> alpn = new ArrayList<>();

  @Option(names = "--ua", description = "User-Agent header.")
  String userAgent;

  @Option(
      names = "--header",
      paramLabel = "NAME:VALUE",
      description = "A request header (repeatable).")
  List<String> headers = new ArrayList<>();

  @Option(names = "--user", description = "Authenticated client user.")
  String user;

  @Option(names = "--group", split = ",", description = "Client group (repeatable).")
  List<String> groups = new ArrayList<>();

  @Option(names = "--client", description = "Client address (default: 127.0.0.1).")
  String client = "127.0.0.1";

  @Option(names = "--method", description = "HTTP method (default: GET).")
  String method = "GET";

  @Option(names = "--path", description = "HTTP path (default: /).")
  String path = "/";

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    checkFacts();
    Map<String, List<String>> headerMap = headerMap();
    PolicyCompiler.Result result;
    try {
      result = PolicyFiles.compile(file);
    } catch (PolicyFiles.UnreadableException e) {
      err.println(e.getMessage());
      err.flush();
      return PolicyCheckCommand.USAGE;
    }
    if (!result.ok()) {
      result.errors().stream().map(PolicyError::toString).forEach(err::println);
      err.flush();
      return PolicyCheckCommand.INVALID;
    }
    CompiledPolicy policy = result.policy();
    out.printf(
        "policy %s: version %s, %d rules, sha256 %s%n",
        file, policy.version(), policy.ruleCount(), policy.contentHash().substring(0, 12));
    for (Phase phase : Phase.values()) {
      if (plainHttp && phase == Phase.TLS) {
        continue;
      }
      EgressRequest request = request(phase, headerMap);
      Identification agent = policy.identify(request);
      Decision decision = policy.evaluate(request, agent);
      ExplainPrinter.print(out, phase, request, agent, decision, plainHttp);
      if (decision.isFinal()) {
        out.printf("%nfinal: %s by rule %s at %s%n", decision.action(), decision.ruleId(), phase);
        break;
      }
    }
    out.flush();
    return 0;
  }

  /**
   * Rejects facts the proxy could never report, as usage errors: explaining them would answer a
   * question that cannot arise (a {@code source} rule silently never matches a client "localhost").
   */
  private void checkFacts() {
    if (host.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--host is empty (expected: a host name)");
    }
    if (port != null && (port < 1 || port > 65535)) {
      throw new ParameterException(
          spec.commandLine(), "--port " + port + " (expected: a number 1-65535)");
    }
    if (IpAddress.parseClient(client) == null) {
      throw new ParameterException(
          spec.commandLine(), "--client " + client + " (expected: an IP address such as 10.1.2.3)");
    }
  }

  private EgressRequest request(Phase phase, Map<String, List<String>> headerMap) {
    int p = port != null ? port : plainHttp ? 80 : 443;
    EgressRequest.Builder b =
        EgressRequest.builder(phase, host, p).client(client, user, new LinkedHashSet<>(groups));
    if (plainHttp) {
      b.tls(false, null, List.of(), null, null);
    } else if (phase.knows(Phase.TLS)) {
      String name = noSni ? null : sni != null ? sni : HostNames.isIpLiteral(host) ? null : host;
      b.tls(true, name, alpn, ja3, ja4 == null ? null : ja4.toLowerCase(Locale.ROOT));
    }
    if (phase.knows(Phase.HTTP)) {
      b.http(method.toUpperCase(Locale.ROOT), path, headerMap);
    }
    return b.build();
  }

  private Map<String, List<String>> headerMap() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    if (userAgent != null) {
      map.computeIfAbsent("user-agent", k -> new ArrayList<>()).add(userAgent);
    }
    for (String h : headers) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new ParameterException(
            spec.commandLine(), "--header " + h + " (expected: NAME:VALUE)");
      }
      map.computeIfAbsent(
              h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(h.substring(colon + 1).trim());
    }
    return map;
  }
}
