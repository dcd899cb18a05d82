package dev.agentgate.policy.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture in {@code policies/broken/} must fail with exactly the errors listed in its own
 * {@code # expect: line:column: name: value} comments, each in the {@code name: value (expected:
 * ...)} form.
 */
class BrokenPoliciesTest {

  static Stream<Path> fixtures() throws IOException, URISyntaxException {
    Path dir = Path.of(BrokenPoliciesTest.class.getResource("/policies/broken").toURI());
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files.stream().map(p -> p.getFileName().toString()))
        .contains(
            "unknown-keys.yaml",
            "duplicate-ids.yaml",
            "bad-globs.yaml",
            "bad-cidrs.yaml",
            "bad-regexes.yaml",
            "bad-ports.yaml",
            "unknown-action.yaml",
            "missing-message.yaml",
            "missing-redactor.yaml",
            "undefined-redactor.yaml",
            "unknown-detectors.yaml");
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void reportsEveryErrorWithItsPosition(Path fixture) throws IOException {
    String text = Files.readString(fixture);
    String name = fixture.getFileName().toString();
    List<String> expected =
        text.lines()
            .filter(l -> l.startsWith("# expect: "))
            .map(l -> l.substring("# expect: ".length()))
            .toList();
    assertThat(expected).as("the fixture lists its errors").isNotEmpty();

    PolicyCompiler.Result result = PolicyCompiler.compile(name, text);

    assertThat(result.ok()).isFalse();
    assertThat(result.policy()).isNull();
    assertThat(result.errors())
        .allSatisfy(
            e -> {
              assertThat(e.file()).isEqualTo(name);
              assertThat(e.toString()).startsWith(name + ":" + e.line() + ":" + e.column() + ": ");
              assertThat(e.message()).contains(" (expected: ").endsWith(")");
            });
    List<String> actual =
        result.errors().stream()
            .map(
                e ->
                    e.line()
                        + ":"
                        + e.column()
                        + ": "
                        + e.message().substring(0, e.message().indexOf(" (expected: ")))
            .toList();
    assertThat(actual).containsExactlyElementsOf(expected);
  }
}
