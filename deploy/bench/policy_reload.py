#!/usr/bin/env python3
"""Pushes N generated policies into a running agentgate, alternating the policy file and the
admin API, and measures for each the time from the push to the first decision made under it.

For every update: the text is generated (a new version, so a new hash), t0 is taken, then either
the file is replaced atomically (written beside it, renamed over it, as editors and ConfigMaps do)
or it is PUT to /v1/policy. The driver then polls GET /v1/policy until the live hash is the new
one and `first_decision_at` is set (the proxy records the time of the first decision each policy
version makes). push-to-first-decision = first_decision_at - t0 (same host, same clock).
Prints one line per update and a summary with medians.
"""
import argparse
import hashlib
import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_policy  # noqa: E402


def epoch(iso):
    """ISO-8601 with up to nanoseconds and a Z, as Java's Instant prints it, to epoch seconds."""
    if iso is None:
        return None
    main, _, frac = iso.rstrip("Z").partition(".")
    t = datetime.strptime(main, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc).timestamp()
    return t + (float("0." + frac) if frac else 0.0)


class Admin:
    def __init__(self, url, token):
        self.url = url.rstrip("/")
        self.token = token

    def call(self, method, path, body=None):
        req = urllib.request.Request(self.url + path, data=body, method=method)
        req.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(req, timeout=300) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")


def push_file(path, text):
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(tmp, "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--admin", required=True, help="admin URL, e.g. http://127.0.0.1:13181")
    p.add_argument("--token-file", required=True)
    p.add_argument("--policy-file", required=True, help="the file the proxy polls")
    p.add_argument("--updates", type=int, default=100)
    p.add_argument("--rules", type=int, default=10000)
    p.add_argument("--bench-host", default="127.0.0.1")
    p.add_argument("--run", default=str(int(time.time())), help="tag in generated versions")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds to wait per update")
    a = p.parse_args()
    with open(a.token_file) as f:
        admin = Admin(a.admin, f.read().strip())

    rows = []
    for i in range(1, a.updates + 1):
        source = "file" if i % 2 == 1 else "api"
        version = f"load-{a.run}-{i}"
        text = gen_policy.policy(a.rules, version, a.bench_host)
        digest = hashlib.sha256(text.encode()).hexdigest()
        t0 = time.time()
        if source == "file":
            push_file(a.policy_file, text)
        else:
            status, body = admin.call("PUT", "/v1/policy", text.encode())
            if status != 200:
                print(f"update {i}: PUT answered {status}: {body}", file=sys.stderr)
                return 1
        deadline = t0 + a.timeout
        while True:
            status, live = admin.call("GET", "/v1/policy")
            if status == 200 and live.get("hash") == digest and live.get("first_decision_at"):
                break
            if time.time() > deadline:
                print(f"update {i} ({source}): not live with a decision after {a.timeout} s: "
                      f"{live.get('version')}", file=sys.stderr)
                return 1
            time.sleep(0.01)
        loaded = epoch(live["loaded_at"]) - t0
        first = epoch(live["first_decision_at"]) - t0
        compile_ms = live["last_reload"]["compile_ms"] if live["last_reload"]["attempted_hash"] == digest else None
        rows.append((source, loaded, first, compile_ms))
        print(f"update {i:3d} {source:4s} live after {loaded * 1000:8.1f} ms, first decision after "
              f"{first * 1000:8.1f} ms, compile {compile_ms} ms", flush=True)

    def med(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else float("nan")

    print("summary:")
    for src in ("file", "api", "all"):
        sel = [r for r in rows if src == "all" or r[0] == src]
        print(f"  {src:4s} n={len(sel):3d}  push->live median {med([r[1] for r in sel]) * 1000:.1f} ms"
              f"  push->first decision median {med([r[2] for r in sel]) * 1000:.1f} ms"
              f" (max {max(r[2] for r in sel) * 1000:.1f} ms)"
              f"  compile median {med([r[3] for r in sel]):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
