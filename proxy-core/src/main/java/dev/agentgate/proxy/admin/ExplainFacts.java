package dev.agentgate.proxy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts of {@code POST /v1/explain}, read from JSON into one request per phase, each holding
 * only the facts the proxy would know at that phase:
 *
 * <pre>
 * {"client": "10.1.2.3", "user": "alice", "groups": ["eng"],
 *  "host": "api.anthropic.com", "port": 443,
 *  "tls":  {"sni": "api.anthropic.com", "alpn": ["h2"], "ja3": "...", "ja4": "t13d..."},
 *  "http": {"method": "POST", "path": "/v1/messages", "headers": {"user-agent": "claude-cli/2"}}}
 * </pre>
 *
 * With {@code tls} the phases are CONNECT, TLS and (with {@code http}) HTTP inside the tunnel; with
 * {@code http} but no {@code tls} it is a plain-HTTP request: CONNECT, then HTTP.
 */
final class ExplainFacts {
  private final List<EgressRequest> phases;

  private ExplainFacts(List<EgressRequest> phases) {
    this.phases = List.copyOf(phases);
  }

  /** The requests in phase order. */
  List<EgressRequest> phases() {
    return phases;
  }

  /**
   * @throws IllegalArgumentException naming the fact at fault
   */
  static ExplainFacts parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("facts: expected a JSON object");
    }
    known(root, "facts", Set.of("client", "user", "groups", "host", "port", "tls", "http"));
    String host = text(root, "host", true);
    int port = root.has("port") ? port(root.get("port")) : 443;
    EgressRequest.Builder b = EgressRequest.builder(Phase.CONNECT, host, port);
    b.client(text(root, "client", false), text(root, "user", false), strings(root, "groups"));
    List<EgressRequest> out = new ArrayList<>();
    out.add(b.build());
    JsonNode tls = root.get("tls");
    if (tls != null && !tls.isNull()) {
      if (!tls.isObject()) {
        throw new IllegalArgumentException("tls: expected an object with sni, alpn, ja3, ja4");
      }
      known(tls, "tls", Set.of("sni", "alpn", "ja3", "ja4"));
      b.phase(Phase.TLS)
          .tls(
              true,
              text(tls, "sni", false),
              List.copyOf(strings(tls, "alpn")),
              text(tls, "ja3", false),
              text(tls, "ja4", false));
      out.add(b.build());
    }
    JsonNode http = root.get("http");
    if (http != null && !http.isNull()) {
      if (!http.isObject()) {
        throw new IllegalArgumentException("http: expected an object with method, path, headers");
      }
      known(http, "http", Set.of("method", "path", "headers"));
      String method = text(http, "method", false);
      b.phase(Phase.HTTP)
          .http(
              method == null ? "GET" : method,
              http.has("path") ? text(http, "path", true) : "/",
              headers(http.get("headers")));
      out.add(b.build());
    }
    return new ExplainFacts(out);
  }

  private static void known(JsonNode node, String where, Set<String> keys) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!keys.contains(k)) {
        throw new IllegalArgumentException(
            where
                + "."
                + k
                + ": unknown fact (expected one of "
                + String.join(", ", keys.stream().sorted().toList())
                + ")");
      }
    }
  }

  private static String text(JsonNode node, String key, boolean required) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException(key + ": missing (expected a string)");
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isEmpty()) {
      throw new IllegalArgumentException(key + ": expected a non-empty string");
    }
    return v.asText();
  }

  private static int port(JsonNode v) {
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1 || v.intValue() > 65535) {
      throw new IllegalArgumentException("port: " + v + " (expected a number 1-65535)");
    }
    return v.intValue();
  }

  private static Set<String> strings(JsonNode node, String key) {
    JsonNode v = node.get(key);
    Set<String> out = new LinkedHashSet<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException(key + ": expected a list of strings");
    }
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException(key + ": expected a list of strings");
      }
      out.add(item.asText());
    }
    return out;
  }

  private static Map<String, List<String>> headers(JsonNode v) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      throw new IllegalArgumentException("http.headers: expected an object of name: value");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<String> values = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(x -> values.add(x.asText()));
      } else if (e.getValue().isValueNode()) {
        values.add(e.getValue().asText());
      } else {
        throw new IllegalArgumentException(
            "http.headers." + e.getKey() + ": expected a string or a list of strings");
      }
      out.put(e.getKey(), values);
    }
    return out;
  }
}
