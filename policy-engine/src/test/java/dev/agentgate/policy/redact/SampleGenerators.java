package dev.agentgate.policy.redact;

import static dev.agentgate.policy.redact.SecretSamples.ALNUM;
import static dev.agentgate.policy.redact.SecretSamples.B64;
import static dev.agentgate.policy.redact.SecretSamples.B64URL;
import static dev.agentgate.policy.redact.SecretSamples.BASE32;
import static dev.agentgate.policy.redact.SecretSamples.BECH32;
import static dev.agentgate.policy.redact.SecretSamples.DIGITS;
import static dev.agentgate.policy.redact.SecretSamples.HEX;
import static dev.agentgate.policy.redact.SecretSamples.LOWER;
import static dev.agentgate.policy.redact.SecretSamples.UPPER;
import static dev.agentgate.policy.redact.SecretSamples.githubToken;
import static dev.agentgate.policy.redact.SecretSamples.jwt;
import static dev.agentgate.policy.redact.SecretSamples.pem;
import static dev.agentgate.policy.redact.SecretSamples.random;

import dev.agentgate.policy.redact.SecretSamples.Sample;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/** One generator per built-in detector: the issuer's format, in a line it typically sits in. */
final class SampleGenerators {
  private SampleGenerators() {}

  private static Sample plain(String detector, String secret, String before, String after) {
    return new Sample(detector, before + secret + after, secret);
  }

  static Map<String, Function<Random, Sample>> all() {
    Map<String, Function<Random, Sample>> g = new LinkedHashMap<>();
    g.put(
        "aws-access-key",
        r ->
            plain(
                "aws-access-key",
                (r.nextBoolean() ? "AKIA" : "ASIA") + random(r, BASE32, 16),
                "aws_access_key_id = ",
                "\n"));
    g.put(
        "aws-secret-key",
        r -> plain("aws-secret-key", random(r, B64, 40), "aws_secret_access_key = ", "\n"));
    g.put(
        "gcp-api-key",
        r -> plain("gcp-api-key", "AIza" + random(r, B64URL, 35), "const key = \"", "\";"));
    g.put(
        "gcp-service-account",
        r ->
            plain(
                "gcp-service-account",
                random(r, HEX, 40),
                "{\"type\": \"service_account\", \"private_key_id\": \"",
                "\"}"));
    g.put(
        "google-oauth-token",
        r ->
            plain(
                "google-oauth-token", "ya29.a0" + random(r, B64URL, 120), "access_token=", "&x=1"));
    g.put(
        "azure-storage-key",
        r ->
            plain(
                "azure-storage-key",
                random(r, B64, 86) + "==",
                "DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=",
                ";EndpointSuffix=core.windows.net"));
    g.put(
        "azure-ad-client-secret",
        r ->
            plain(
                "azure-ad-client-secret",
                random(r, ALNUM, 3) + r.nextInt(10) + "Q~" + random(r, ALNUM + "_~.-", 34),
                "client_secret: ",
                "\n"));
    g.put(
        "alibaba-access-key",
        r ->
            plain(
                "alibaba-access-key",
                "LTAI" + random(r, ALNUM, 20),
                "ALIBABA_CLOUD_ACCESS_KEY_ID=",
                "\n"));
    g.put(
        "digitalocean-token",
        r ->
            plain(
                "digitalocean-token", "dop_v1_" + random(r, HEX, 64), "DIGITALOCEAN_TOKEN=", "\n"));
    g.put(
        "hashicorp-vault-token",
        r ->
            plain(
                "hashicorp-vault-token",
                "hvs.CAESI" + random(r, B64URL, 90),
                "VAULT_TOKEN=",
                "\n"));
    g.put(
        "github-token",
        r ->
            plain(
                "github-token",
                githubToken(r, List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_").get(r.nextInt(5))),
                "git clone https://x-access-token:",
                "@github.com/o/r.git"));
    g.put(
        "github-fine-grained-token",
        r ->
            plain(
                "github-fine-grained-token",
                "github_pat_11" + random(r, ALNUM, 20) + "_" + random(r, ALNUM, 59),
                "GH_TOKEN=",
                "\n"));
    g.put(
        "gitlab-token",
        r -> plain("gitlab-token", "glpat-" + random(r, B64URL, 20), "PRIVATE-TOKEN: ", "\n"));
    g.put(
        "bitbucket-token",
        r ->
            plain(
                "bitbucket-token",
                "ATBB" + random(r, ALNUM, 32),
                "bitbucket app password ",
                " please"));
    g.put(
        "atlassian-token",
        r ->
            plain(
                "atlassian-token",
                "ATATT3xFfGF0" + random(r, B64URL, 180) + "=" + random(r, HEX.toUpperCase(), 8),
                "JIRA_API_TOKEN=",
                "\n"));
    g.put(
        "slack-token",
        r ->
            plain(
                "slack-token",
                "xoxb-"
                    + random(r, DIGITS, 12)
                    + "-"
                    + random(r, DIGITS, 13)
                    + "-"
                    + random(r, ALNUM, 24),
                "SLACK_BOT_TOKEN=",
                "\n"));
    g.put(
        "slack-webhook",
        r ->
            plain(
                "slack-webhook",
                "https://hooks.slack.com/services/T"
                    + random(r, UPPER + DIGITS, 8)
                    + "/B"
                    + random(r, UPPER + DIGITS, 10)
                    + "/"
                    + random(r, ALNUM, 24),
                "webhook: ",
                "\n"));
    g.put(
        "discord-token",
        r ->
            plain(
                "discord-token",
                Base64.getEncoder()
                        .withoutPadding()
                        .encodeToString(
                            (1 + r.nextInt(9) + random(r, DIGITS, 17))
                                .getBytes(StandardCharsets.US_ASCII))
                    + "."
                    + random(r, B64URL, 6)
                    + "."
                    + random(r, B64URL, 38),
                "client.login('",
                "');"));
    g.put(
        "telegram-bot-token",
        r ->
            plain(
                "telegram-bot-token",
                (100_000_000 + r.nextInt(899_999_999)) + ":AA" + random(r, B64URL, 33),
                "TELEGRAM_TOKEN=",
                "\n"));
    g.put(
        "stripe-key",
        r ->
            plain(
                "stripe-key",
                (r.nextBoolean() ? "sk_live_" : "rk_test_") + random(r, ALNUM, 24 + r.nextInt(76)),
                "stripe.api_key = \"",
                "\""));
    g.put(
        "twilio-key", r -> plain("twilio-key", "SK" + random(r, HEX, 32), "TWILIO_API_KEY=", "\n"));
    g.put(
        "sendgrid-key",
        r ->
            plain(
                "sendgrid-key",
                "SG." + random(r, B64URL, 22) + "." + random(r, B64URL, 43),
                "SENDGRID_API_KEY=",
                "\n"));
    g.put(
        "shopify-token",
        r ->
            plain(
                "shopify-token", "shpat_" + random(r, HEX, 32), "X-Shopify-Access-Token: ", "\n"));
    g.put(
        "anthropic-key",
        r ->
            plain(
                "anthropic-key",
                "sk-ant-api03-" + random(r, B64URL, 93) + "AA",
                "ANTHROPIC_API_KEY=",
                "\n"));
    g.put(
        "openai-key",
        r ->
            plain(
                "openai-key",
                r.nextBoolean()
                    ? "sk-proj-" + random(r, B64URL, 74) + "T3BlbkFJ" + random(r, B64URL, 74)
                    : "sk-" + random(r, ALNUM, 20) + "T3BlbkFJ" + random(r, ALNUM, 20),
                "OPENAI_API_KEY=",
                "\n"));
    g.put(
        "openrouter-key",
        r ->
            plain("openrouter-key", "sk-or-v1-" + random(r, HEX, 64), "OPENROUTER_API_KEY=", "\n"));
    g.put("groq-key", r -> plain("groq-key", "gsk_" + random(r, ALNUM, 52), "GROQ_API_KEY=", "\n"));
    g.put("xai-key", r -> plain("xai-key", "xai-" + random(r, ALNUM, 80), "XAI_API_KEY=", "\n"));
    g.put(
        "perplexity-key",
        r -> plain("perplexity-key", "pplx-" + random(r, ALNUM, 48), "PPLX_API_KEY=", "\n"));
    g.put(
        "huggingface-token",
        r -> plain("huggingface-token", "hf_" + random(r, UPPER + LOWER, 34), "HF_TOKEN=", "\n"));
    g.put(
        "npm-token",
        r ->
            plain(
                "npm-token",
                "npm_" + random(r, ALNUM, 36),
                "//registry.npmjs.org/:_authToken=",
                "\n"));
    g.put(
        "pypi-token",
        r ->
            plain(
                "pypi-token",
                "pypi-AgEIcHlwaS5vcmc" + random(r, B64URL, 150),
                "password = ",
                "\n"));
    g.put(
        "dockerhub-token",
        r ->
            plain(
                "dockerhub-token",
                "dckr_pat_" + random(r, B64URL, 27),
                "docker login -u me -p ",
                "\n"));
    g.put(
        "rubygems-token",
        r ->
            plain("rubygems-token", "rubygems_" + random(r, HEX, 48), ":rubygems_api_key: ", "\n"));
    g.put("private-key", r -> plain("private-key", pem(r), "key file:\n", "\n"));
    g.put(
        "age-secret-key",
        r ->
            plain(
                "age-secret-key", "AGE-SECRET-KEY-1" + random(r, BECH32, 58), "# secret\n", "\n"));
    g.put("jwt", r -> plain("jwt", jwt(r), "Authorization: Bearer ", "\n"));
    g.put(
        "url-password",
        r ->
            plain(
                "url-password",
                random(r, ALNUM, 18),
                "DATABASE_URL=postgres://app:",
                "@db.internal:5432/app"));
    g.put(
        "generic-secret",
        r ->
            plain(
                "generic-secret",
                random(r, LOWER, 4) + random(r, DIGITS, 2) + random(r, ALNUM + "!#%^&*", 18),
                List.of("DB_PASSWORD=", "client_secret: \"", "api_token = '", "\"passphrase\": \"")
                    .get(r.nextInt(4)),
                "\n"));
    return g;
  }
}
