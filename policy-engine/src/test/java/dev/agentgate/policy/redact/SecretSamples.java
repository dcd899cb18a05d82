package dev.agentgate.policy.redact;

import dev.agentgate.policy.redact.detect.Checks;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Generates valid-looking secrets of every built-in kind from a seeded Random, so tests never
 * commit a literal token (not even a fake one). Each sample is the secret plus a short snippet of
 * the context it usually appears in; the secret is what must be replaced.
 */
public final class SecretSamples {
  private SecretSamples() {}

  /** A planted secret: {@code text} contains {@code secret} exactly once. */
  public record Sample(String detector, String text, String secret) {}

  public static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  public static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  public static final String DIGITS = "0123456789";
  public static final String ALNUM = UPPER + LOWER + DIGITS;
  public static final String HEX = "0123456789abcdef";
  public static final String B64URL = ALNUM + "_-";
  public static final String B64 = ALNUM + "+/";
  public static final String BASE32 = UPPER + "234567";
  public static final String BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";

  private static final Map<String, Function<Random, Sample>> GENERATORS = SampleGenerators.all();

  /** Every detector name that has a generator (all built-ins). */
  public static List<String> kinds() {
    return List.copyOf(GENERATORS.keySet());
  }

  public static Sample sample(String detector, Random r) {
    Function<Random, Sample> g = GENERATORS.get(detector);
    if (g == null) {
      throw new IllegalArgumentException("no generator for " + detector);
    }
    return g.apply(r);
  }

  public static String random(Random r, String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  /** A GitHub prefixed token with a correct checksum. */
  public static String githubToken(Random r, String prefix) {
    String body = random(r, ALNUM, 30);
    return prefix + body + Checks.base62Crc32(body);
  }

  private static String b64url(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  public static String jwt(Random r) {
    String header = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String payload =
        b64url(
            "{\"sub\":\""
                + random(r, ALNUM, 12)
                + "\",\"iat\":"
                + (1_700_000_000 + r.nextInt(99_999_999))
                + "}");
    return header + "." + payload + "." + random(r, B64URL, 43);
  }

  public static String pem(Random r) {
    String label = List.of("RSA ", "EC ", "OPENSSH ", "", "ENCRYPTED ").get(r.nextInt(5));
    StringBuilder b = new StringBuilder("-----BEGIN " + label + "PRIVATE KEY-----\n");
    for (int i = 0; i < 8; i++) {
      b.append(random(r, B64, 64)).append('\n');
    }
    return b.append(random(r, B64, 20))
        .append("==\n-----END ")
        .append(label)
        .append("PRIVATE KEY-----")
        .toString();
  }
}
