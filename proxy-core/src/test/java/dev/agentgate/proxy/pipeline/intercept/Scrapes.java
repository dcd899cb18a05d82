package dev.agentgate.proxy.pipeline.intercept;

/** Reads sample values out of a Prometheus text exposition. */
final class Scrapes {
  private Scrapes() {}

  /**
   * The sum of the samples of {@code name} whose labels include every {@code key="value"} given (0
   * when there are none).
   */
  static double sum(String scrape, String name, String... labels) {
    double total = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      boolean all = true;
      for (String label : labels) {
        all &= line.contains(label);
      }
      if (all) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }
}
