package dev.agentgate.policy.redact.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.redact.DetectorCatalog;
import dev.agentgate.policy.redact.SecretSamples;
import dev.agentgate.policy.redact.SecretSamples.Sample;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DetectorsTest {

  private static final SecretScanner ALL =
      new SecretScanner(BuiltInDetectors.forNames(List.of("all")));

  static Stream<String> kinds() {
    return SecretSamples.kinds().stream();
  }

  private static List<Match> scan(String text) {
    return ALL.scan(text);
  }

  @Test
  void catalogAndBuiltInsNameTheSameDetectors() {
    assertThat(BuiltInDetectors.names()).containsExactlyInAnyOrderElementsOf(DetectorCatalog.NAMES);
    assertThat(SecretSamples.kinds()).containsExactlyInAnyOrderElementsOf(DetectorCatalog.NAMES);
    assertThat(DetectorCatalog.NAMES).hasSizeGreaterThanOrEqualTo(25);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void findsEachKindInItsUsualContextAndClaimsExactlyTheSecret(String kind) {
    Random r = new Random(kind.hashCode());
    for (int i = 0; i < 20; i++) {
      Sample s = SecretSamples.sample(kind, r);
      List<Match> found = scan(s.text());
      int at = s.text().indexOf(s.secret());
      assertThat(found)
          .as("%s sample %d", kind, i)
          .anySatisfy(
              m -> {
                assertThat(m.detector()).isEqualTo(kind);
                assertThat(m.start()).isEqualTo(at);
                assertThat(m.end()).isEqualTo(at + s.secret().length());
              });
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void findsEachKindAloneOnALineAndInsideJsonEscapedText(String kind) {
    Random r = new Random(31 * kind.hashCode());
    Sample s = SecretSamples.sample(kind, r);
    String escaped = s.text().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    assertThat(detectors(scan("{\"x\":\"" + escaped + "\"}"))).as(kind).contains(kind);
  }

  private static List<String> detectors(List<Match> ms) {
    return ms.stream().map(Match::detector).toList();
  }

  @Test
  void githubTokenWithBadChecksumIsRejected() {
    Random r = new Random(7);
    String good = SecretSamples.githubToken(r, "ghp_");
    assertThat(detectors(scan("token " + good))).containsExactly("github-token");
    char last = good.charAt(39);
    String bad = good.substring(0, 39) + (last == 'a' ? 'b' : 'a');
    assertThat(scan("token " + bad)).isEmpty();
    String swapped = good.substring(0, 4) + good.charAt(5) + good.charAt(4) + good.substring(6);
    if (!swapped.equals(good)) {
      assertThat(scan("token " + swapped)).isEmpty();
    }
  }

  @Test
  void githubChecksumMatchesTheDocumentedConstruction() {
    // CRC32 of the 30 random chars, base62 (0-9A-Za-z), left-padded to 6.
    assertThat(Checks.base62Crc32("")).isEqualTo("000000");
    String body = "0123456789abcdefghijABCDEFGHIJ";
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    long v = crc.getValue();
    long decoded = 0;
    for (char c : Checks.base62Crc32(body).toCharArray()) {
      decoded =
          decoded * 62
              + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".indexOf(c);
    }
    assertThat(decoded).isEqualTo(v);
    assertThat(Checks.githubChecksumValid("ghp_" + body + Checks.base62Crc32(body))).isTrue();
  }

  static Stream<String[]> nearMisses() {
    Random r = new Random(99);
    String b32 = SecretSamples.random(r, SecretSamples.BASE32, 16);
    String hex64 = SecretSamples.random(r, SecretSamples.HEX, 64);
    String alnum = SecretSamples.random(r, SecretSamples.ALNUM, 120);
    String b64 = SecretSamples.random(r, SecretSamples.B64, 40);
    return Stream.of(
        new String[] {"aws id one char short", "key AKIA" + b32.substring(1) + " end"},
        new String[] {"aws id lower case", "key akia" + b32.toLowerCase() + " end"},
        new String[] {"aws id inside a word", "XAKIA" + b32},
        new String[] {"aws id wrong kind", "AKIB" + b32},
        new String[] {"aws secret without key name", "value " + b64},
        new String[] {"aws secret all one letter", "aws_secret_access_key=" + "A".repeat(40)},
        new String[] {"gcp key short", "AIza" + alnum.substring(0, 30)},
        new String[] {"github wrong prefix", "ghx_" + alnum.substring(0, 36)},
        new String[] {"github too long", "ghp_" + alnum.substring(0, 37)},
        new String[] {"fine-grained missing separator", "github_pat_" + alnum.substring(0, 82)},
        new String[] {"gitlab short", "glpat-" + alnum.substring(0, 12)},
        new String[] {"slack without ids", "xoxb-" + alnum.substring(0, 30)},
        new String[] {"slack webhook docs url", "https://hooks.slack.com/services/"},
        new String[] {"telegram not AA", "123456789:AB" + alnum.substring(0, 33)},
        new String[] {"stripe publishable", "pk_live_" + alnum.substring(0, 24)},
        new String[] {"stripe short", "sk_live_" + alnum.substring(0, 10)},
        new String[] {"twilio upper hex", "SK" + hex64.substring(0, 32).toUpperCase()},
        new String[] {"twilio in word", "TASK" + hex64.substring(0, 32)},
        new String[] {"sendgrid wrong shape", "SG." + alnum.substring(0, 30)},
        new String[] {"anthropic unknown kind", "sk-ant-foo03-" + alnum.substring(0, 95)},
        new String[] {"openai without marker", "sk-proj-" + alnum.substring(0, 100)},
        new String[] {"huggingface short", "hf_" + alnum.substring(0, 20)},
        new String[] {"npm short", "npm_" + alnum.substring(0, 30)},
        new String[] {"pypi other macaroon", "pypi-AgEXYZ" + alnum.substring(0, 60)},
        new String[] {"docker short", "dckr_pat_" + alnum.substring(0, 10)},
        new String[] {"digitalocean upper hex", "dop_v1_" + hex64.toUpperCase()},
        new String[] {
          "public key block", "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----"
        },
        new String[] {
          "certificate block", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"
        },
        new String[] {
          "jwt-looking not json",
          "eyJ"
              + alnum.substring(0, 20)
              + "."
              + alnum.substring(20, 40)
              + "."
              + alnum.substring(40, 60)
        },
        new String[] {"jwt header without alg", jwtWithHeader("{\"typ\":\"JWT\"}")},
        new String[] {"url without password", "https://user@example.com/path"},
        new String[] {"url with template password", "postgres://app:${DB_PASSWORD}@db:5432/app"},
        new String[] {"url with masked password", "redis://:****@cache:6379"},
        new String[] {"url with the word password", "proto://username:password@hostname"},
        new String[] {
          "private key docs example",
          "key=\"-----BEGIN PRIVATE KEY-----\\nXXXX\\nXXXX\\n-----END PRIVATE KEY-----\""
        },
        new String[] {"url port not password", "http://localhost:8080/x"},
        new String[] {"generic low entropy", "password = \"aaaaaaaabbbbbbbb1\""},
        new String[] {"generic code", "String token = tokenizer.nextToken();"},
        new String[] {"generic env lookup", "api_key = os.environ[\"OPENAI_API_KEY\"]"},
        new String[] {"generic short", "password: hunter2"},
        new String[] {"generic no digits", "secret = \"ThisIsAVeryLongPassphraseWithoutDigits\""},
        new String[] {
          "generic ternary of names", "c = rsaCredentials.popKey : x509Credentials.popPublicKey;"
        },
        new String[] {"generic prose", "The token is validated by the server before use."},
        new String[] {"discord dotted code", "com.example.package.Module.function.callSomething"},
        new String[] {"age key short", "AGE-SECRET-KEY-1" + "QPZRY9X8GF"});
  }

  private static String jwtWithHeader(String header) {
    java.util.Base64.Encoder e = java.util.Base64.getUrlEncoder().withoutPadding();
    return e.encodeToString(header.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        + "."
        + e.encodeToString("{\"sub\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        + ".c2lnbmF0dXJl";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nearMisses")
  void nearMissesAreNotSecrets(String why, String text) {
    assertThat(scan(text)).as(why).isEmpty();
  }

  @Test
  void urlPasswordReplacesOnlyThePassword() {
    String text = "DATABASE_URL=postgresql://app:Zq4t9LmP2xW7@db.internal:5432/app";
    List<Match> ms = scan(text);
    assertThat(ms).hasSize(1);
    assertThat(text.substring(ms.get(0).start(), ms.get(0).end())).isEqualTo("Zq4t9LmP2xW7");
  }

  @Test
  void privateKeyIsRedactedAsAWholeBlockWithRealOrEscapedNewlines() {
    String pem = SecretSamples.pem(new Random(3));
    String real = "here:\n" + pem + "\nthanks";
    List<Match> ms = scan(real);
    assertThat(ms).hasSize(1);
    assertThat(real.substring(ms.get(0).start(), ms.get(0).end())).isEqualTo(pem);
    String escaped = "{\"private_key\": \"" + pem.replace("\n", "\\n") + "\\n\"}";
    List<Match> es = scan(escaped);
    assertThat(es).extracting(Match::detector).containsExactly("private-key");
    assertThat(escaped.substring(es.get(0).start(), es.get(0).end()))
        .isEqualTo(pem.replace("\n", "\\n"));
  }

  @Test
  void truncatedPrivateKeyIsRedactedToTheEndOfItsBody() {
    String head = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\nAAAA";
    String text = "cat id_ed25519 gives " + head + "\" and then";
    List<Match> ms = scan(text);
    assertThat(ms).hasSize(1);
    assertThat(text.substring(ms.get(0).start(), ms.get(0).end())).isEqualTo(head);
  }

  @Test
  void specificFormatWinsOverTheEntropyHeuristicOnTheSameValue() {
    Random r = new Random(5);
    String key = "sk-ant-api03-" + SecretSamples.random(r, SecretSamples.B64URL, 93) + "AA";
    assertThat(detectors(scan("api_key = \"" + key + "\""))).containsExactly("anthropic-key");
  }

  @Test
  void genericSecretFiresOnlyNearKeyWords() {
    String value = "q8Zr2LmX9vT4kP7w";
    assertThat(detectors(scan("password=" + value))).containsExactly("generic-secret");
    assertThat(detectors(scan("\"clientSecret\": \"" + value + "\"")))
        .containsExactly("generic-secret");
    assertThat(detectors(scan("Authorization: Bearer " + value + value)))
        .containsExactly("generic-secret");
    assertThat(scan("value=" + value)).isEmpty();
    assertThat(scan("see " + value + " in the logs")).isEmpty();
  }

  @Test
  void severalSecretsInOneTextAreAllFoundInOrder() {
    Random r = new Random(11);
    StringBuilder b = new StringBuilder();
    List<String> kinds =
        List.of("aws-access-key", "github-token", "jwt", "slack-token", "stripe-key");
    for (String k : kinds) {
      b.append("line: ").append(SecretSamples.sample(k, r).text()).append('\n');
    }
    assertThat(detectors(scan(b.toString()))).containsExactlyElementsOf(kinds);
  }

  @Test
  void anchorRepeatedInsideOneTokenGivesOneMatch() {
    String key = "sk-proj-" + "T3BlbkFJ".repeat(30) + "q9Zr2LmX9vT4";
    List<Match> ms = scan("key " + key + " end");
    assertThat(ms).hasSize(1);
    assertThat(ms.get(0).detector()).isEqualTo("openai-key");
    assertThat(ms.get(0).length()).isEqualTo(key.length());
  }
}
