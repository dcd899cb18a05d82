#!/usr/bin/env python3
"""One keep-alive GET every 20 ms (through a proxy, or straight to the origin) for a while, then a
latency summary: an independent view of stalls beside wrk, which shares its CPU with the origin.

usage: probe.py NAME HOST PORT URL SECONDS   (URL absolute for a proxy, a path for the origin)
"""
import http.client
import sys
import time


def main():
    name, host, port, url, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
    origin = url.split("/")[2] if url.startswith("http") else f"{host}:{port}"
    conn = http.client.HTTPConnection(host, port, timeout=30)
    end = time.time() + seconds
    latencies, failures = [], 0
    while time.time() < end:
        t = time.time()
        try:
            conn.request("GET", url, headers={"Host": origin})
            r = conn.getresponse()
            r.read()
            if r.status != 200:
                failures += 1
        except (OSError, http.client.HTTPException):
            failures += 1
            conn = http.client.HTTPConnection(host, port, timeout=30)
            continue
        latencies.append(time.time() - t)
        time.sleep(0.02)
    latencies.sort()
    n = len(latencies)
    if n == 0:
        print(f"probe {name}: no answers, {failures} failures")
        return 1
    print(f"probe {name}: n={n} p50 {latencies[n // 2] * 1000:.1f} ms, p99 "
          f"{latencies[int(n * 0.99)] * 1000:.1f} ms, max {latencies[-1] * 1000:.0f} ms, failures {failures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
