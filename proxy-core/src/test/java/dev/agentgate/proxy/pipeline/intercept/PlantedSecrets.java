package dev.agentgate.proxy.pipeline.intercept;

import dev.agentgate.policy.redact.detect.Checks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Ten kinds of secrets in their issuers' formats, generated from a seeded Random so that no token
 * (not even a fake one) is committed. Each comes in a line of the context it usually sits in.
 */
final class PlantedSecrets {
  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String ALNUM = UPPER + "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String B64URL = ALNUM + "_-";
  private static final String B64 = ALNUM + "+/";
  private static final String BASE32 = UPPER + "234567";
  private static final String DIGITS = "0123456789";

  /** One planted secret: {@code line} contains {@code secret} once; it is found by {@code kind}. */
  record Secret(String kind, String secret, String line) {}

  private final Random random;
  private final List<Secret> planted = new ArrayList<>();

  PlantedSecrets(long seed) {
    random = new Random(seed);
  }

  /** The ten kinds, in the order {@link #next()} plants them. */
  static final List<String> KINDS =
      List.of(
          "aws-access-key",
          "github-token",
          "gcp-api-key",
          "slack-token",
          "stripe-key",
          "anthropic-key",
          "openai-key",
          "npm-token",
          "jwt",
          "private-key");

  /** Every secret planted so far. */
  List<Secret> planted() {
    return List.copyOf(planted);
  }

  /** A line holding a new secret of the next kind (cycling through the ten). */
  String next() {
    String kind = KINDS.get(planted.size() % KINDS.size());
    Secret s = make(kind);
    planted.add(s);
    return s.line();
  }

  private Secret make(String kind) {
    return switch (kind) {
      case "aws-access-key" -> line(kind, "AKIA" + random(BASE32, 16), "aws_access_key_id = ", "");
      case "github-token" -> {
        String body = random(ALNUM, 30);
        yield line(kind, "ghp_" + body + Checks.base62Crc32(body), "GITHUB_TOKEN=", "");
      }
      case "gcp-api-key" -> line(kind, "AIza" + random(B64URL, 35), "const key = \"", "\";");
      case "slack-token" ->
          line(
              kind,
              "xoxb-" + random(DIGITS, 12) + "-" + random(DIGITS, 13) + "-" + random(ALNUM, 24),
              "SLACK_BOT_TOKEN=",
              "");
      case "stripe-key" -> line(kind, "sk_live_" + random(ALNUM, 32), "stripe.api_key = \"", "\"");
      case "anthropic-key" ->
          line(kind, "sk-ant-api03-" + random(B64URL, 93) + "AA", "ANTHROPIC_API_KEY=", "");
      case "openai-key" ->
          line(
              kind,
              "sk-proj-" + random(B64URL, 74) + "T3BlbkFJ" + random(B64URL, 74),
              "OPENAI_API_KEY=",
              "");
      case "npm-token" ->
          line(kind, "npm_" + random(ALNUM, 36), "//registry.npmjs.org/:_authToken=", "");
      case "jwt" -> line(kind, jwt(), "Authorization: Bearer ", "");
      case "private-key" -> line(kind, pem(), "id_rsa:\n", "\n");
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static Secret line(String kind, String secret, String before, String after) {
    return new Secret(kind, secret, before + secret + after);
  }

  private String random(String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private String jwt() {
    Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
    String header = enc.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(UTF8));
    String payload =
        enc.encodeToString(
            ("{\"sub\":\"" + random(ALNUM, 12) + "\",\"iat\":1712345678}").getBytes(UTF8));
    return header + "." + payload + "." + random(B64URL, 43);
  }

  private String pem() {
    StringBuilder b = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
    for (int i = 0; i < 8; i++) {
      b.append(random(B64, 64)).append('\n');
    }
    return b.append(random(B64, 20)).append("==\n-----END RSA PRIVATE KEY-----").toString();
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
}
