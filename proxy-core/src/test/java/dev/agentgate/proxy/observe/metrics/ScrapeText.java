package dev.agentgate.proxy.observe.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed Prometheus text exposition: HELP and TYPE per family, and every sample's value. */
final class ScrapeText {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  final Map<String, String> help = new LinkedHashMap<>();
  final Map<String, String> type = new LinkedHashMap<>();

  /** Canonical sample key ({@code name{a="x",b="y"}}, labels sorted) to value. */
  final Map<String, Double> samples = new LinkedHashMap<>();

  final Map<String, Set<String>> labelNames = new TreeMap<>();

  ScrapeText(String text) {
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ")) {
        String[] parts = line.substring(7).split(" ", 2);
        help.put(parts[0], parts.length > 1 ? parts[1] : "");
      } else if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).split(" ", 2);
        type.put(parts[0], parts[1]);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        Matcher m = SAMPLE.matcher(line);
        if (!m.matches()) {
          throw new IllegalArgumentException("not a sample line: " + line);
        }
        Map<String, String> labels = new TreeMap<>();
        if (m.group(3) != null) {
          Matcher l = LABEL.matcher(m.group(3));
          while (l.find()) {
            labels.put(l.group(1), l.group(2));
          }
        }
        labelNames.computeIfAbsent(m.group(1), k -> new TreeSet<>()).addAll(labels.keySet());
        samples.put(key(m.group(1), labels), Double.parseDouble(m.group(4)));
      }
    }
  }

  /** The value of the sample {@code name} with exactly these labels, or null when absent. */
  Double value(String name, String... labelPairs) {
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      labels.put(labelPairs[i], labelPairs[i + 1]);
    }
    return samples.get(key(name, labels));
  }

  /** True when any sample of {@code name} has label {@code label} equal to {@code value}. */
  boolean hasSeries(String name, String label, String value) {
    String needle = label + "=\"" + value + "\"";
    return samples.keySet().stream().anyMatch(k -> k.startsWith(name + "{") && k.contains(needle));
  }

  private static String key(String name, Map<String, String> labels) {
    StringBuilder b = new StringBuilder(name).append('{');
    labels.forEach((k, v) -> b.append(k).append("=\"").append(v).append("\","));
    return b.append('}').toString();
  }
}
