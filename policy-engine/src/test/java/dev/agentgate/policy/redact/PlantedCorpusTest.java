package dev.agentgate.policy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.redact.SecretSamples.Sample;
import dev.agentgate.policy.redact.detect.BuiltInDetectors;
import dev.agentgate.policy.redact.detect.Match;
import dev.agentgate.policy.redact.detect.SecretScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Recall: secrets of every built-in kind, generated with a seeded Random (GitHub tokens with
 * correct checksums), planted in varied surroundings among ordinary lines, then looked for.
 */
class PlantedCorpusTest {

  private static final int PER_KIND = 8;

  /** Kinds that are only secrets next to their key name; they keep their generated context. */
  private static final Set<String> NEED_CONTEXT =
      Set.of(
          "aws-secret-key",
          "gcp-service-account",
          "azure-storage-key",
          "url-password",
          "generic-secret");

  private static final List<String> FILLER =
      List.of(
          "The build failed because the test fixture expects UTC timestamps.",
          "for (int i = 0; i < tokens.size(); i++) { process(tokens.get(i)); }",
          "    return new HashMap<>(Map.of(\"key\", value, \"secret\", false));",
          "Please refactor the password reset flow to use the new mailer.",
          "def rotate_keys(store):  # keys are rotated nightly by the scheduler",
          "SELECT id, name FROM users WHERE created_at > now() - interval '1 day';",
          "The API token lifetime is configured in settings.py under AUTH.",
          "git commit -m \"Fix race in session token refresh\"",
          "  - name: deploy\n    run: ./scripts/deploy.sh --env staging",
          "const url = `https://api.example.com/v1/items?page=${page}`;");

  /** How a secret sits in a line: bare in prose, quoted in code, JSON, YAML, shell, a header. */
  private static final List<String[]> WRAPPERS =
      List.of(
          new String[] {"here is the key ", " - keep it safe"},
          new String[] {"const value = \"", "\";"},
          new String[] {"{\"credential\": \"", "\"}"},
          new String[] {"config:\n  value: ", "\n"},
          new String[] {"export SOME_VAR=", ""},
          new String[] {"X-Header: ", "\r\n"},
          new String[] {"(", ")"},
          new String[] {"'", "',"});

  @Test
  void findsPlantedSecretsOfEverySupportedKind() {
    Random r = new Random(20261121);
    SecretScanner scanner = new SecretScanner(BuiltInDetectors.forNames(List.of("all")));
    List<Sample> planted = new ArrayList<>();
    List<int[]> spans = new ArrayList<>();
    StringBuilder corpus = new StringBuilder();
    for (String kind : SecretSamples.kinds()) {
      for (int i = 0; i < PER_KIND; i++) {
        Sample s = SecretSamples.sample(kind, r);
        corpus.append(FILLER.get(r.nextInt(FILLER.size()))).append('\n');
        String[] w = WRAPPERS.get(r.nextInt(WRAPPERS.size()));
        String line =
            NEED_CONTEXT.contains(kind) ? w[0] + s.text() + w[1] : w[0] + s.secret() + w[1];
        int at = corpus.length() + line.indexOf(s.secret());
        corpus.append(line).append('\n');
        planted.add(s);
        spans.add(new int[] {at, at + s.secret().length()});
      }
    }
    List<Match> found = scanner.scan(corpus.toString());

    int exact = 0;
    int covered = 0;
    Map<String, Integer> missed = new TreeMap<>();
    Map<String, Integer> relabelled = new TreeMap<>();
    for (int i = 0; i < planted.size(); i++) {
      int[] span = spans.get(i);
      String kind = planted.get(i).detector();
      boolean isExact =
          found.stream()
              .anyMatch(
                  m -> m.start() == span[0] && m.end() == span[1] && m.detector().equals(kind));
      boolean isCovered = found.stream().anyMatch(m -> m.start() <= span[0] && m.end() >= span[1]);
      exact += isExact ? 1 : 0;
      covered += isCovered ? 1 : 0;
      if (!isCovered) {
        missed.merge(kind, 1, Integer::sum);
      } else if (!isExact) {
        found.stream()
            .filter(m -> m.start() <= span[0] && m.end() >= span[1])
            .forEach(m -> relabelled.merge(kind + " as " + m.detector(), 1, Integer::sum));
      }
    }
    int extra =
        (int)
            found.stream()
                .filter(m -> spans.stream().noneMatch(s -> m.start() < s[1] && s[0] < m.end()))
                .count();
    System.out.printf(
        "planted corpus: %d secrets of %d kinds; recall %.1f%% (%d fully redacted), %.1f%% with exactly its span and detector; %d findings outside planted spans; missed %s; covered by a wider or other match %s%n",
        planted.size(),
        SecretSamples.kinds().size(),
        100.0 * covered / planted.size(),
        covered,
        100.0 * exact / planted.size(),
        extra,
        missed,
        relabelled);
    assertThat(planted).hasSizeGreaterThanOrEqualTo(200);
    assertThat((double) covered / planted.size()).isGreaterThanOrEqualTo(0.97);
    assertThat(extra).isZero();
  }
}
