package dev.agentgate.proxy.observe.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Puts a rotated set of audit files in chain order, whatever order a shell glob gave them. */
public final class AuditFiles {

  private static final Pattern ROTATED = Pattern.compile("(.*)\\.(\\d+)");

  private AuditFiles() {}

  /**
   * Oldest first: {@code audit.log.3, audit.log.2, audit.log.1, audit.log}. Files of different logs
   * keep the order in which their log first appears.
   */
  public static List<Path> chronological(List<Path> files) {
    Map<Path, List<Path>> byBase = new LinkedHashMap<>();
    for (Path file : files) {
      byBase.computeIfAbsent(base(file), b -> new ArrayList<>()).add(file);
    }
    List<Path> ordered = new ArrayList<>(files.size());
    for (List<Path> group : byBase.values()) {
      group.sort(Comparator.comparingLong(AuditFiles::index).reversed());
      ordered.addAll(group);
    }
    return ordered;
  }

  private static Path base(Path file) {
    Matcher m = ROTATED.matcher(file.getFileName().toString());
    return m.matches() ? file.resolveSibling(m.group(1)) : file;
  }

  private static long index(Path file) {
    Matcher m = ROTATED.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return 0;
    }
    String digits = m.group(2);
    return digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
  }
}
