package dev.agentgate.policy.redact.detect;

import java.util.List;

/** Chat, messaging, payment and commerce tokens. */
final class ServiceDetectors {
  private ServiceDetectors() {}

  static List<Detector> all() {
    return List.of(
        // Bot, user, workspace, refresh and app-level tokens: kind prefix, then numeric id groups.
        RegexDetector.named("slack-token")
            .prefixes(
                "xoxb-", "xoxp-", "xoxa-", "xoxs-", "xoxo-", "xoxr-", "xoxe-", "xoxe.", "xapp-")
            .pattern(
                Rx.START
                    + "(?:xoxe\\.xox[bp]|xox[abposre]|xapp)-[0-9]{1,20}-[0-9A-Za-z-]{10,250}"
                    + "(?![0-9A-Za-z-])")
            .maxLength(290)
            .build(),
        RegexDetector.named("slack-webhook")
            .keywords("hooks.slack.com/")
            .pattern(
                "(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/"
                    + "T[A-Z0-9]{6,14}/[A-Za-z0-9_/]{20,200}(?![A-Za-z0-9_/])")
            .before(8)
            .maxLength(260)
            .build(),
        // Bot token: base64 of the numeric user id, '.', 6-char timestamp, '.', HMAC. The anchor
        // is the first dot, so a cheap look at the second dot spares the regex almost always.
        RegexDetector.named("discord-token")
            .prefixes(".")
            .precheck(
                (t, p) ->
                    p >= 23
                        && p + 7 < t.length()
                        && t.charAt(p + 7) == '.'
                        && (t.charAt(p - 1) != '.'))
            .pattern(
                "(?<![A-Za-z0-9_-])[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}"
                    + Rx.END64URL)
            .before(28)
            .maxLength(48)
            .build(),
        RegexDetector.named("discord-token")
            .keywords("discord.com/api/webhooks/", "discordapp.com/api/webhooks/")
            .pattern(
                "(?:https?://)?(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/"
                    + "[0-9]{17,20}/[A-Za-z0-9_-]{60,70}"
                    + Rx.END64URL)
            .before(16)
            .maxLength(130)
            .build(),
        // Bot token: numeric bot id, ':', then 35 chars that start with "AA".
        RegexDetector.named("telegram-bot-token")
            .prefixes(":AA")
            .pattern(Rx.START + "[0-9]{8,10}:AA[A-Za-z0-9_-]{33}" + Rx.END64URL)
            .before(10)
            .maxLength(36)
            .build(),
        // Secret and restricted keys (live and test) and webhook signing secrets; publishable
        // keys (pk_) are public by design.
        RegexDetector.named("stripe-key")
            .prefixes("sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_")
            .pattern(
                Rx.START
                    + "(?:[sr]k_(?:live|test)_[0-9A-Za-z]{24,247}|whsec_[0-9A-Za-z+/=]{32,128})"
                    + Rx.END62)
            .maxLength(256)
            .build(),
        // API key SID: "SK" + 32 lowercase hex.
        RegexDetector.named("twilio-key")
            .prefixes("SK")
            .pattern(Rx.START + "SK[0-9a-f]{32}" + Rx.END62)
            .maxLength(34)
            .build(),
        RegexDetector.named("sendgrid-key")
            .prefixes("SG.")
            .pattern(Rx.START + "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}" + Rx.END64URL)
            .maxLength(69)
            .build(),
        RegexDetector.named("shopify-token")
            .prefixes("shpat_", "shpca_", "shppa_", "shpss_")
            .pattern(Rx.START + "shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}" + Rx.END62)
            .maxLength(38)
            .build());
  }
}
