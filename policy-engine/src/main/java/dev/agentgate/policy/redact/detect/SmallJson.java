package dev.agentgate.policy.redact.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Tiny JSON checks for detectors (a JWT header), with a shared thread-safe factory. */
final class SmallJson {
  private SmallJson() {}

  private static final JsonFactory FACTORY = new JsonFactory();

  /** Whether {@code json} is exactly one JSON object with a top-level key {@code key}. */
  static boolean isObjectWithKey(String json, String key) {
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      boolean found = false;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
        if (t == null) {
          return false;
        }
        if (t == JsonToken.FIELD_NAME && key.equals(p.currentName())) {
          found = true;
        }
        p.nextToken();
        p.skipChildren();
      }
      return found && p.nextToken() == null;
    } catch (IOException e) {
      return false; // not JSON: not a JWT header
    }
  }
}
