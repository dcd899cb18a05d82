package dev.agentgate.proxy.admin;

import java.util.Map;

/**
 * An admin answer before it becomes a Netty response, so routes can be computed off the event loop
 * and tested without a channel.
 *
 * @param headers extra headers (Allow, WWW-Authenticate), names as sent
 */
record AdminResponse(int status, String contentType, String body, Map<String, String> headers) {
  static final String JSON = "application/json";
  static final String TEXT = "text/plain";

  AdminResponse {
    headers = Map.copyOf(headers);
  }

  static AdminResponse json(int status, String body) {
    return new AdminResponse(status, JSON, body.endsWith("\n") ? body : body + "\n", Map.of());
  }

  static AdminResponse text(int status, String body) {
    return new AdminResponse(status, TEXT, body, Map.of());
  }

  /** A JSON {@code {"error": message}}. */
  static AdminResponse error(int status, String message) {
    return json(status, "{\"error\":" + Json.string(message) + "}");
  }

  AdminResponse withHeader(String name, String value) {
    Map<String, String> h = new java.util.LinkedHashMap<>(headers);
    h.put(name, value);
    return new AdminResponse(status, contentType, body, h);
  }
}
