package dev.agentgate.policy.redact.detect;

import java.util.List;

/** Cloud provider credentials: AWS, Google Cloud, Azure, Alibaba, DigitalOcean, Vault. */
final class CloudDetectors {
  private CloudDetectors() {}

  static List<Detector> all() {
    return List.of(
        // Access key id: 4-char kind prefix (long-term, STS temporary, bearer, context) + 16
        // base32.
        RegexDetector.named("aws-access-key")
            .prefixes("AKIA", "ASIA", "ABIA", "ACCA")
            .pattern(Rx.START + "(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}" + Rx.END62)
            .maxLength(20)
            .build(),
        // Secret access key: 40 base64 chars with no prefix, so only next to its key name.
        RegexDetector.named("aws-secret-key")
            .keywords(
                "secret_access_key",
                "secretaccesskey",
                "secret-access-key",
                "secret.access.key",
                "aws_secret",
                "aws-secret",
                "awssecret")
            .precheck(Prechecks::assignmentFollows)
            .pattern(
                "(?i:(?:aws[_.-]?)?secret[_.-]?access[_.-]?key|aws[_.-]?secret(?:[_.-]?key)?)"
                    + Rx.ASSIGN
                    + "(?<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])")
            .before(4)
            .maxLength(100)
            .check(Checks::looksRandom)
            .build(),
        RegexDetector.named("gcp-api-key")
            .prefixes("AIza")
            .pattern(Rx.START + "AIza[0-9A-Za-z_-]{35}" + Rx.END64URL)
            .maxLength(39)
            .build(),
        // A service-account key file: its key id (the PEM inside is the private-key detector's).
        RegexDetector.named("gcp-service-account")
            .prefixes("private_key_id")
            .pattern("private_key_id" + Rx.ASSIGN + "(?<s>[0-9a-f]{40})(?![0-9A-Za-z])")
            .maxLength(80)
            .build(),
        RegexDetector.named("google-oauth-token")
            .prefixes("ya29.")
            .pattern(Rx.START + "ya29\\.[0-9A-Za-z_-]{30,2048}" + Rx.END64URL)
            .maxLength(2060)
            .build(),
        // Storage connection strings carry the 64-byte account key as 88 base64 chars.
        RegexDetector.named("azure-storage-key")
            .keywords("accountkey=")
            .pattern("(?i:AccountKey)=(?<s>[A-Za-z0-9+/]{86}==)")
            .maxLength(100)
            .build(),
        // Entra ID client secrets: 3 chars, a digit, the marker "Q~", then 31-34 more.
        RegexDetector.named("azure-ad-client-secret")
            .prefixes("Q~")
            .pattern(
                "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])")
            .before(4)
            .maxLength(40)
            .build(),
        RegexDetector.named("alibaba-access-key")
            .prefixes("LTAI")
            .pattern(Rx.START + "LTAI[A-Za-z0-9]{12,20}" + Rx.END62)
            .maxLength(24)
            .build(),
        RegexDetector.named("digitalocean-token")
            .prefixes("dop_v1_", "doo_v1_", "dor_v1_")
            .pattern(Rx.START + "do[por]_v1_[a-f0-9]{64}" + Rx.END62)
            .maxLength(71)
            .build(),
        RegexDetector.named("hashicorp-vault-token")
            .prefixes("hvs.", "hvb.", "hvr.")
            .pattern(Rx.START + "hv[sbr]\\.[A-Za-z0-9_-]{24,400}" + Rx.END64URL)
            .maxLength(404)
            .build());
  }
}
