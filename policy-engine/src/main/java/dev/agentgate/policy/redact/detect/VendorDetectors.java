package dev.agentgate.policy.redact.detect;

import java.util.List;

/** Model-vendor API keys and package-registry tokens. */
final class VendorDetectors {
  private VendorDetectors() {}

  static List<Detector> all() {
    return List.of(
        // API, admin and OAuth (access/refresh) keys: sk-ant-<kind><2-digit version>-<body>.
        RegexDetector.named("anthropic-key")
            .prefixes("sk-ant-")
            .pattern(
                Rx.START
                    + "sk-ant-(?:api|admin|oat|ort|sid)[0-9]{2}-[A-Za-z0-9_-]{80,120}"
                    + Rx.END64URL)
            .maxLength(140)
            .build(),
        // Legacy, project, service-account and admin keys all embed "T3BlbkFJ" (base64 of
        // "OpenAI"), which is the anchor: "sk-" alone is far too common.
        RegexDetector.named("openai-key")
            .prefixes("T3BlbkFJ")
            .pattern(
                "(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{10,250}T3BlbkFJ[A-Za-z0-9_-]{10,250}"
                    + Rx.END64URL)
            .before(264)
            .maxLength(260)
            .build(),
        RegexDetector.named("openrouter-key")
            .prefixes("sk-or-v1-")
            .pattern(Rx.START + "sk-or-v1-[a-f0-9]{64}" + Rx.END62)
            .maxLength(73)
            .build(),
        RegexDetector.named("groq-key")
            .prefixes("gsk_")
            .pattern(Rx.START + "gsk_[A-Za-z0-9]{52}" + Rx.END62)
            .maxLength(56)
            .build(),
        RegexDetector.named("xai-key")
            .prefixes("xai-")
            .pattern(Rx.START + "xai-[A-Za-z0-9]{80}" + Rx.END62)
            .maxLength(84)
            .build(),
        RegexDetector.named("perplexity-key")
            .prefixes("pplx-")
            .pattern(Rx.START + "pplx-[A-Za-z0-9]{48}" + Rx.END62)
            .maxLength(53)
            .build(),
        // User access tokens (hf_) and organization API tokens (api_org_).
        RegexDetector.named("huggingface-token")
            .prefixes("hf_", "api_org_")
            .pattern(Rx.START + "(?:hf_|api_org_)[A-Za-z0-9]{34}" + Rx.END62)
            .maxLength(42)
            .build(),
        RegexDetector.named("npm-token")
            .prefixes("npm_")
            .pattern(Rx.START + "npm_[A-Za-z0-9]{36}" + Rx.END62)
            .maxLength(40)
            .build(),
        // Upload tokens are macaroons whose fixed head encodes "pypi.org" (or test.pypi.org).
        RegexDetector.named("pypi-token")
            .prefixes("pypi-AgE")
            .pattern(
                Rx.START
                    + "pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}"
                    + Rx.END64URL)
            .maxLength(1040)
            .build(),
        // Personal and organization access tokens.
        RegexDetector.named("dockerhub-token")
            .prefixes("dckr_pat_", "dckr_oat_")
            .pattern(Rx.START + "dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,64}" + Rx.END64URL)
            .maxLength(73)
            .build(),
        RegexDetector.named("rubygems-token")
            .prefixes("rubygems_")
            .pattern(Rx.START + "rubygems_[a-f0-9]{48}" + Rx.END62)
            .maxLength(57)
            .build());
  }
}
