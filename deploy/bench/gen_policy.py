#!/usr/bin/env python3
"""Writes a generated policy of N rules (default 10,000) for the policy reload benchmark.

The first rule allows the benchmark's upstream (so every load request is allowed by a rule the
test can see change); the rest follow the mix of a large company's policy (exact and suffix hosts,
some narrowed by group, JA4 or header; agents per group; ports; a few source networks), like the
policy-engine's JMH GeneratedPolicy. --version makes each generation's content (and hash) unique.
"""
import argparse
import sys

AGENTS = ["claude-code", "codex", "cursor", "github-copilot", "gemini-cli", "windsurf", "aider"]


def match(i):
    agent = AGENTS[i % len(AGENTS)]
    k = i % 10
    if k in (0, 1):
        return f"host: h{i}.corp.example"
    if k == 2:
        return f"host: h{i}.corp.example, group: g{i % 500}"
    if k == 3:
        return f'host: h{i}.corp.example, ja4: "t13d*"'
    if k == 4:
        return f'host: "*.s{i}.example"'
    if k == 5:
        return f'host: h{i}.corp.example, header: {{x-team: "t{i % 50}"}}'
    if k == 6:
        return f"agent: {agent}, group: g{i % 500}"
    if k == 7:
        return f"group: g{i % 500}, port: [443, 8443]"
    if k == 8:
        return f"host: api{i}.models.example, agent: [{agent}, unknown]"
    if i % 1000 == 9:
        return f"source: 10.{i % 250}.0.0/16"
    return f'host: h{i}.corp.example, user: "svc-{i}-*"'


def policy(rules, version, bench_host):
    out = [f'version: "{version}"', 'default: {action: block, message: "not approved"}',
           "redactors:", "  secrets: {detectors: [all]}", "rules:",
           f"  - id: allow-bench-{version}", f"    match: {{host: {bench_host}}}",
           "    action: allow"]
    for i in range(rules - 1):
        out.append(f"  - id: r{i}")
        out.append(f"    match: {{{match(i)}}}")
        if i % 3 == 0:
            out.append("    action: allow")
        elif i % 3 == 1:
            out.append("    action: block")
            out.append(f'    message: "blocked by r{i}"')
        else:
            out.append("    action: redact")
            out.append("    redactor: secrets")
    return "\n".join(out) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--rules", type=int, default=10000)
    p.add_argument("--version", default="gen-1")
    p.add_argument("--bench-host", default="127.0.0.1")
    a = p.parse_args()
    sys.stdout.write(policy(a.rules, a.version, a.bench_host))


if __name__ == "__main__":
    main()
