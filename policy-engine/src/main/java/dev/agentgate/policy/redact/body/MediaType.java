package dev.agentgate.policy.redact.body;

import java.util.Locale;

/**
 * The parts of a Content-Type that decide how a body is read.
 *
 * @param type e.g. "application", lower case; empty when there was no header
 * @param subtype e.g. "json", lower case
 * @param charset the charset parameter, lower case, or null
 */
public record MediaType(String type, String subtype, String charset) {

  /** How the body is inspected. */
  public enum Kind {
    JSON,
    TEXT,
    /** No Content-Type: look at the bytes. */
    UNKNOWN,
    /** Binary or multipart: cannot be inspected. */
    OPAQUE
  }

  public static MediaType parse(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return new MediaType("", "", null);
    }
    String[] parts = contentType.split(";");
    String full = parts[0].trim().toLowerCase(Locale.ROOT);
    int slash = full.indexOf('/');
    String type = slash < 0 ? full : full.substring(0, slash);
    String subtype = slash < 0 ? "" : full.substring(slash + 1);
    String charset = null;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        charset = p.substring(8).trim().replace("\"", "").toLowerCase(Locale.ROOT);
      }
    }
    return new MediaType(type, subtype, charset);
  }

  public Kind kind() {
    if (type.isEmpty()) {
      return Kind.UNKNOWN;
    }
    if (subtype.equals("json") || subtype.endsWith("+json")) {
      return Kind.JSON;
    }
    if (type.equals("text")
        || subtype.equals("x-www-form-urlencoded")
        || subtype.equals("xml")
        || subtype.endsWith("+xml")
        || subtype.equals("x-ndjson")
        || subtype.equals("jsonl")
        || subtype.equals("x-jsonlines")
        || subtype.equals("yaml")
        || subtype.equals("x-yaml")
        || subtype.equals("javascript")
        || subtype.equals("graphql")) {
      return Kind.TEXT;
    }
    return Kind.OPAQUE;
  }

  @Override
  public String toString() {
    return type + "/" + subtype;
  }
}
