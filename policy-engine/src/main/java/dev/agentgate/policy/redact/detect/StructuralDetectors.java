package dev.agentgate.policy.redact.detect;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Secrets recognised by structure rather than issuer: private keys, JWTs, passwords inside URLs,
 * and high-entropy values next to key words.
 */
final class StructuralDetectors {
  private StructuralDetectors() {}

  /** Words after which a value is probably a credential; matched in any case. */
  private static final String KEY_WORDS =
      "(?i:password|passwd|passphrase|pwd|secret|token|api[_.-]?key|access[_.-]?key"
          + "|auth[_.-]?key|credentials?|private[_.-]?key)";

  static List<Detector> all() {
    return List.of(
        new PemPrivateKeyDetector(),
        RegexDetector.named("age-secret-key")
            .prefixes("AGE-SECRET-KEY-1")
            .pattern("AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}" + Rx.END62)
            .maxLength(74)
            .build(),
        // header.payload.signature (JWS) or up to five segments (JWE); the header must decode to
        // a JSON object with "alg", which ordinary dotted words never do.
        RegexDetector.named("jwt")
            .prefixes("eyJ")
            .pattern(
                "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4096}\\.[A-Za-z0-9_-]{4,16384}"
                    + "\\.[A-Za-z0-9_-]{0,4096}(?:\\.[A-Za-z0-9_-]{1,16384}){0,2}"
                    + Rx.END64URL)
            .maxLength(45_000)
            .check(Checks::jwtHeaderValid)
            .build(),
        // scheme://user:password@host: only the password goes. Template variables are not secrets.
        RegexDetector.named("url-password")
            .prefixes("://")
            .pattern(
                "(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}://"
                    + "[^\\s:/?#@\"'<>\\\\\\[\\]]{0,128}:(?<s>[^\\s/?#\"'<>\\\\]{1,256})"
                    + "@[A-Za-z0-9\\[]")
            .before(32)
            .maxLength(400)
            .priority(Match.STRUCTURAL)
            .check(StructuralDetectors::notTemplate)
            .build(),
        RegexDetector.named("generic-secret")
            .keywords(
                "password",
                "passwd",
                "passphrase",
                "pwd",
                "secret",
                "token",
                "apikey",
                "api_key",
                "api-key",
                "api.key",
                "accesskey",
                "access_key",
                "access-key",
                "authkey",
                "auth_key",
                "auth-key",
                "credential",
                "privatekey",
                "private_key")
            .precheck(Prechecks::assignmentFollows)
            .pattern(
                KEY_WORDS
                    + "[A-Za-z0-9_.-]{0,24}"
                    + Rx.ASSIGN
                    + "(?<s>[A-Za-z0-9+/=_.~!@#%^&*?-]{12,256})"
                    + Rx.VALUE_END)
            .maxLength(320)
            .priority(Match.HEURISTIC)
            .check(Checks::looksRandom)
            .build(),
        RegexDetector.named("generic-secret")
            .keywords("bearer")
            .precheck(Prechecks::blankFollowsWord)
            .pattern("(?i:bearer)[ \\t]{1,3}(?<s>[A-Za-z0-9._~+/=-]{16,1024})" + Rx.VALUE_END)
            .maxLength(1040)
            .priority(Match.HEURISTIC)
            .check(Checks::looksRandom)
            .build());
  }

  /** Words that stand for a password in documentation ("user:password@host"). */
  private static final Set<String> PLACEHOLDER_WORDS =
      Set.of("password", "passwd", "pass", "pwd", "pw", "secret", "token", "apikey", "api_key");

  /** A password that is a placeholder ($VAR, ${VAR}, {{var}}, <password>, %s, ****). */
  static boolean notTemplate(String password) {
    char c = password.charAt(0);
    if (c == '$'
        || c == '{'
        || c == '<'
        || password.startsWith("%s")
        || password.startsWith("%(")) {
      return false;
    }
    if (PLACEHOLDER_WORDS.contains(password.toLowerCase(Locale.ROOT))) {
      return false;
    }
    for (int i = 0; i < password.length(); i++) {
      char x = password.charAt(i);
      if (x != '*' && x != 'x' && x != 'X' && x != '.') {
        return true;
      }
    }
    return false;
  }
}
