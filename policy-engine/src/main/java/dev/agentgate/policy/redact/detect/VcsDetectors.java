package dev.agentgate.policy.redact.detect;

import java.util.List;

/** Source hosting tokens: GitHub (with its checksum), GitLab, Bitbucket and Atlassian. */
final class VcsDetectors {
  private VcsDetectors() {}

  static List<Detector> all() {
    return List.of(
        // PAT, OAuth, user-to-server, server-to-server, refresh: prefix + 30 random + 6 checksum.
        RegexDetector.named("github-token")
            .prefixes("ghp_", "gho_", "ghu_", "ghs_", "ghr_")
            .pattern(Rx.START + "gh[pousr]_[A-Za-z0-9]{36}" + Rx.END62)
            .maxLength(40)
            .check(Checks::githubChecksumValid)
            .build(),
        // Fine-grained PAT: github_pat_ + 22-char id + '_' + 59 chars.
        RegexDetector.named("github-fine-grained-token")
            .prefixes("github_pat_")
            .pattern(Rx.START + "github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}" + Rx.END62)
            .maxLength(93)
            .build(),
        // Personal, deploy, runner, trigger, feed, CI job, mail, agent, OAuth, SCIM tokens;
        // the routable form adds ".<version>.<suffix>".
        RegexDetector.named("gitlab-token")
            .prefixes(
                "glpat-",
                "gldt-",
                "glrt-",
                "glrtr-",
                "glptt-",
                "glft-",
                "glcbt-",
                "glimt-",
                "glagent-",
                "gloas-",
                "glsoat-")
            .pattern(
                Rx.START
                    + "gl(?:pat|dt|rtr|rt|ptt|ft|cbt|imt|agent|oas|soat)-[0-9A-Za-z_-]{20,300}"
                    + "(?:\\.[0-9A-Za-z]{2}\\.[0-9A-Za-z]{7,10})?"
                    + Rx.END64URL)
            .maxLength(330)
            .build(),
        // App passwords (ATBB...) and repository/workspace access tokens (ATCTT3xFfGN0...).
        RegexDetector.named("bitbucket-token")
            .prefixes("ATBB", "ATCTT3xFfGN0")
            .pattern(
                Rx.START
                    + "(?:ATBB[A-Za-z0-9_=.-]{28,64}|ATCTT3xFfGN0[A-Za-z0-9_=-]{80,400})"
                    + Rx.END64URL)
            .maxLength(412)
            .build(),
        RegexDetector.named("atlassian-token")
            .prefixes("ATATT3")
            .pattern(Rx.START + "ATATT3[A-Za-z0-9_=-]{150,400}" + Rx.END64URL)
            .maxLength(406)
            .build());
  }
}
