package dev.agentgate.policy.redact;

import java.util.Set;

/**
 * The names of the built-in detectors a policy may list. The redaction package implements each;
 * policy validation rejects any other name.
 */
public final class DetectorCatalog {
  private DetectorCatalog() {}

  /** Every built-in detector name; "all" in a policy means every one of them. */
  public static final Set<String> NAMES =
      Set.of(
          "aws-access-key",
          "aws-secret-key",
          "gcp-api-key",
          "gcp-service-account",
          "google-oauth-token",
          "azure-storage-key",
          "azure-ad-client-secret",
          "alibaba-access-key",
          "digitalocean-token",
          "hashicorp-vault-token",
          "github-token",
          "github-fine-grained-token",
          "gitlab-token",
          "bitbucket-token",
          "atlassian-token",
          "slack-token",
          "slack-webhook",
          "discord-token",
          "telegram-bot-token",
          "stripe-key",
          "twilio-key",
          "sendgrid-key",
          "shopify-token",
          "anthropic-key",
          "openai-key",
          "openrouter-key",
          "groq-key",
          "xai-key",
          "perplexity-key",
          "huggingface-token",
          "npm-token",
          "pypi-token",
          "dockerhub-token",
          "rubygems-token",
          "private-key",
          "age-secret-key",
          "jwt",
          "url-password",
          "generic-secret");

  public static boolean isKnown(String name) {
    return "all".equals(name) || NAMES.contains(name);
  }
}
