package dev.agentgate.policy.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentgate.policy.redact.detect.BuiltInDetectors;
import dev.agentgate.policy.redact.detect.Match;
import dev.agentgate.policy.redact.detect.SecretScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * False positives on ordinary code and prose: the JDK's own sources (security, networking,
 * collections, I/O: full of words like token, key, secret and password) plus the license texts of
 * this machine. Assembled at test time, skipped where the machine has no JDK sources.
 */
class CleanCorpusTest {

  /** Source trees of java.base read from src.zip. */
  private static final List<String> PACKAGES =
      List.of(
          "java.base/java/util/",
          "java.base/java/lang/",
          "java.base/java/security/",
          "java.base/java/net/",
          "java.base/java/io/",
          "java.base/javax/crypto/",
          "java.base/sun/security/");

  /** The most false positives accepted; each is printed so the report can say what they were. */
  private static final int MAX_FINDINGS = 10;

  /** The running JDK's src.zip, else one of a sibling JDK (same parent directory). */
  static Optional<Path> srcZip() throws IOException {
    Path home = Path.of(System.getProperty("java.home"));
    Path own = home.resolve("lib/src.zip");
    if (Files.isRegularFile(own)) {
      return Optional.of(own);
    }
    Path parent = home.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return Optional.empty();
    }
    try (Stream<Path> jdks = Files.list(parent)) {
      return jdks.sorted()
          .map(p -> p.resolve("lib/src.zip"))
          .filter(Files::isRegularFile)
          .findFirst();
    }
  }

  @Test
  void ordinarySourceAndProseGiveAtMostAFewFindings() throws IOException {
    Optional<Path> zip = srcZip();
    assumeTrue(zip.isPresent(), "no JDK src.zip on this machine");
    SecretScanner scanner = new SecretScanner(BuiltInDetectors.forNames(List.of("all")));
    Map<String, Integer> byDetector = new TreeMap<>();
    List<String> report = new ArrayList<>();
    long lines = 0;
    long chars = 0;
    long nanos = 0;
    try (ZipFile z = new ZipFile(zip.get().toFile())) {
      List<? extends ZipEntry> entries =
          z.stream()
              .filter(
                  e ->
                      e.getName().endsWith(".java")
                          && PACKAGES.stream().anyMatch(e.getName()::startsWith))
              .toList();
      for (ZipEntry e : entries) {
        String text = new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
        lines += text.lines().count();
        chars += text.length();
        long t0 = System.nanoTime();
        List<Match> found = scanner.scan(text);
        nanos += System.nanoTime() - t0;
        record(e.getName(), text, found, byDetector, report);
      }
    }
    // Other code and prose of this machine (Debian paths), where present: Python's standard
    // library (not its tests, which carry key material on purpose), npm's code and docs,
    // the license texts.
    for (Path root : machineTrees()) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(CleanCorpusTest::isOrdinaryFile).sorted().toList();
      }
      for (Path p : files) {
        String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        lines += text.lines().count();
        chars += text.length();
        long t0 = System.nanoTime();
        List<Match> found = scanner.scan(text);
        nanos += System.nanoTime() - t0;
        record(root.relativize(p).toString(), text, found, byDetector, report);
      }
    }
    System.out.printf(
        "clean corpus: %d lines, %.1f MB of chars, %d findings %s (scan %.0f MB/s)%n",
        lines, chars / 1e6, report.size(), byDetector, chars / 1e6 / (nanos / 1e9));
    report.forEach(line -> System.out.println("  " + line));
    assertThat(lines).isGreaterThan(10_000);
    assertThat(report).hasSizeLessThanOrEqualTo(MAX_FINDINGS);
  }

  private static List<Path> machineTrees() throws IOException {
    List<Path> roots = new ArrayList<>();
    Path usrLib = Path.of("/usr/lib");
    if (Files.isDirectory(usrLib)) {
      try (Stream<Path> dirs = Files.list(usrLib)) {
        dirs.filter(d -> d.getFileName().toString().matches("python3\\.\\d+"))
            .sorted()
            .limit(1)
            .forEach(roots::add);
      }
    }
    roots.add(Path.of("/usr/lib/node_modules/npm"));
    roots.add(Path.of("/usr/share/common-licenses"));
    return roots.stream().filter(Files::isDirectory).toList();
  }

  private static boolean isOrdinaryFile(Path p) {
    String s = p.toString();
    String name = p.getFileName().toString();
    boolean wanted =
        name.endsWith(".py")
            || name.endsWith(".js")
            || name.endsWith(".md")
            || s.contains("common-licenses");
    return wanted
        && Files.isRegularFile(p)
        && !s.contains("/test/")
        && !s.contains("/tests/")
        && !s.contains("/site-packages/")
        && !s.contains("/dist-packages/");
  }

  private static void record(
      String file,
      String text,
      List<Match> found,
      Map<String, Integer> byDetector,
      List<String> report) {
    for (Match m : found) {
      byDetector.merge(m.detector(), 1, Integer::sum);
      String value = text.substring(m.start(), m.end());
      int from = Math.max(0, m.start() - 30);
      String context =
          text.substring(from, Math.min(text.length(), m.end() + 10)).replace('\n', ' ');
      report.add(
          m.detector()
              + " in "
              + file
              + ": "
              + (value.length() > 60 ? value.substring(0, 60) + "..." : value)
              + "  | "
              + context);
    }
  }
}
