package dev.agentgate.policy.agents;

import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One captured agent request (test resources {@code captures/<agent>/request.txt} and the agent's
 * row of {@code captures/index.tsv}), turned into the facts the proxy would have at each phase.
 */
record Capture(
    String agent,
    String host,
    String alpn,
    String ja3,
    String ja4,
    String method,
    String path,
    Map<String, List<String>> headers) {

  private static final String BASE = "/dev/agentgate/policy/agents/captures/";

  static Capture of(String agent) {
    Map<String, String> row = indexRow(agent);
    List<String> lines = lines(BASE + agent + "/request.txt");
    String method = null;
    String path = null;
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.startsWith("#")) {
        continue;
      }
      if (method == null) {
        String[] requestLine = line.split(" ");
        method = requestLine[0];
        path = requestLine[1];
        continue;
      }
      if (line.isEmpty()) {
        break;
      }
      if (line.startsWith(":")) {
        continue; // HTTP/2 pseudo-headers: method and path are already known
      }
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return new Capture(
        agent,
        row.get("sni"),
        row.get("alpn"),
        row.get("ja3"),
        row.get("ja4"),
        method,
        path,
        headers);
  }

  EgressRequest at(Phase phase) {
    EgressRequest.Builder b = EgressRequest.builder(phase, host, 443);
    if (phase.knows(Phase.TLS)) {
      b.tls(true, host, List.of(alpn.split(",")), ja3, ja4);
    }
    if (phase.knows(Phase.HTTP)) {
      b.http(method, path, headers);
    }
    return b.build();
  }

  /** This capture's HTTP facts with another JA4 (same headers), e.g. to test impersonation. */
  EgressRequest withJa4(String otherJa4) {
    return at(Phase.HTTP).toBuilder().tls(true, host, List.of(), null, otherJa4).build();
  }

  private static Map<String, String> indexRow(String agent) {
    List<String> rows = lines(BASE + "index.tsv");
    String[] names = rows.get(0).split("\t", -1);
    for (String row : rows.subList(1, rows.size())) {
      String[] cells = row.split("\t", -1);
      if (cells[0].equals(agent)) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
          out.put(names[i], cells[i]);
        }
        return out;
      }
    }
    throw new IllegalArgumentException("no capture row for " + agent);
  }

  private static List<String> lines(String resource) {
    try (InputStream in = Capture.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
