package dev.agentgate.proxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of the config file, read key by key. Every read remembers the key, so {@link
 * #finish()} can name any key nobody asked for; every error names the full dotted path.
 */
final class ConfigSection {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,18})\\s*([KMG](?:iB)?)?", Pattern.CASE_INSENSITIVE);

  private final String source;
  private final String path;
  private final JsonNode node;
  private final Set<String> read = new HashSet<>();

  ConfigSection(String source, String path, JsonNode node) throws ConfigException {
    this.source = source;
    this.path = path;
    this.node = node == null || node.isMissingNode() ? null : node;
    if (this.node != null && !this.node.isNull() && !this.node.isObject()) {
      throw error(path, "expected a mapping of keys");
    }
  }

  /** A nested section; absent reads as empty. */
  ConfigSection section(String key) throws ConfigException {
    return new ConfigSection(source, qualify(key), value(key));
  }

  String string(String key, String fallback) throws ConfigException {
    JsonNode v = value(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isValueNode() || v.asText().isBlank()) {
      throw error(qualify(key), "expected a non-empty string");
    }
    return v.asText();
  }

  int integer(String key, int fallback, int min, int max) throws ConfigException {
    JsonNode v = value(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < min || v.intValue() > max) {
      throw error(
          qualify(key), "bad value '" + v.asText() + "' (expected " + min + ".." + max + ")");
    }
    return v.intValue();
  }

  boolean bool(String key, boolean fallback) throws ConfigException {
    JsonNode v = value(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw error(qualify(key), "bad value '" + v.asText() + "' (expected true or false)");
    }
    return v.booleanValue();
  }

  /** A size in bytes: a number, or one with a unit (KiB, MiB, GiB; K, M, G mean the same). */
  long size(String key, long fallback) throws ConfigException {
    JsonNode v = value(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    Matcher m = SIZE.matcher(v.asText().strip());
    if (!v.isValueNode() || !m.matches()) {
      throw error(
          qualify(key),
          "bad value '" + v.asText() + "' (expected a size such as 100MiB or 512KiB)");
    }
    int shift =
        m.group(2) == null
            ? 0
            : 10 * (1 + "KMG".indexOf(Character.toUpperCase(m.group(2).charAt(0))));
    long n = Long.parseLong(m.group(1));
    if (n > (Long.MAX_VALUE >> shift)) {
      throw error(qualify(key), "bad value '" + v.asText() + "' (too large)");
    }
    return n << shift;
  }

  Duration duration(String key, Duration fallback) throws ConfigException {
    JsonNode v = value(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    Matcher m = DURATION.matcher(v.asText().strip().toLowerCase(Locale.ROOT));
    if (!v.isValueNode() || !m.matches()) {
      throw error(
          qualify(key),
          "bad value '" + v.asText() + "' (expected a duration such as 500ms, 30s, 5m, 1h)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** A scalar or a list of scalars, each converted; a conversion's exception names the value. */
  <T> List<T> list(String key, List<T> fallback, String expected, Function<String, T> convert)
      throws ConfigException {
    JsonNode v = value(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    List<JsonNode> items = new ArrayList<>();
    if (v.isArray()) {
      v.forEach(items::add);
    } else {
      items.add(v);
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String where = v.isArray() ? qualify(key) + "[" + i + "]" : qualify(key);
      if (!item.isValueNode()) {
        throw error(where, "expected " + expected);
      }
      out.add(convert(where, item.asText(), expected, convert));
    }
    return out;
  }

  /** The keys of a nested mapping, each value converted; an absent mapping reads as empty. */
  Iterator<String> keys(String key) throws ConfigException {
    JsonNode v = value(key);
    if (v == null || v.isNull()) {
      return List.<String>of().iterator();
    }
    if (!v.isObject()) {
      throw error(qualify(key), "expected a mapping");
    }
    return v.fieldNames();
  }

  /** A scalar inside the mapping {@code key}, converted. */
  <T> T entry(String key, String name, String expected, Function<String, T> convert)
      throws ConfigException {
    JsonNode item = value(key).get(name);
    String where = qualify(key) + "." + name;
    if (item == null || !item.isValueNode()) {
      throw error(where, "expected " + expected);
    }
    return convert(where, item.asText(), expected, convert);
  }

  /** Fails on the first key that no read asked for (a typo must not be silently ignored). */
  void finish() throws ConfigException {
    if (node == null || node.isNull()) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!read.contains(key)) {
        throw error(qualify(key), "unknown key");
      }
    }
  }

  ConfigException error(String where, String what) {
    return new ConfigException(source + ": " + where + ": " + what);
  }

  private <T> T convert(String where, String text, String expected, Function<String, T> convert)
      throws ConfigException {
    try {
      return convert.apply(text);
    } catch (IllegalArgumentException e) {
      throw error(
          where, "bad value '" + text + "' (expected " + expected + "; " + e.getMessage() + ")");
    }
  }

  private JsonNode value(String key) {
    read.add(key);
    return node == null ? null : node.get(key);
  }

  private String qualify(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
