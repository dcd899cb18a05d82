#!/usr/bin/env bash
# Policy hot-reload under load: 100 updates of a generated 10,000-rule policy, alternating the
# policy file and the admin API, while wrk sends keep-alive requests through the proxy (the shared
# bench harness's wrk script, absolute-URI GETs of its nginx upstream). Reports wrk's failed
# requests (must be 0) and, per source, the median time from a push to the first decision under
# the new policy, and the compile time.
#
# usage: BENCH_DIR=path/to/bench deploy/bench/policy-reload.sh
#   knobs: UPDATES=100 RULES=10000 POLL=2s PORT=13180 ADMIN_PORT=13181 CHUNK=15 C=32
#          PROBE_SECONDS=60 (probes: a GET every 20 ms through the proxy and straight to nginx)
#          JAR=proxy-core/target/agentgate.jar JAVA_OPTS=-Xmx1g (GC log: JAVA_OPTS="-Xmx1g
#          -Xlog:gc:file=gc.log" lands in the work dir)
# Needs a built jar (mvn -q -DskipTests package), python3, wrk, curl, and the harness's nginx
# (started with its upstream.sh if nothing answers; stopped again at the end if started here).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${BENCH_DIR:?set BENCH_DIR to the bench harness directory (it has env.sh, upstream.sh, lib/proxy.lua)}"
. "$BENCH_DIR/env.sh"
UPDATES=${UPDATES:-100}
RULES=${RULES:-10000}
POLL=${POLL:-2s}
PORT=${PORT:-13180}
ADMIN_PORT=${ADMIN_PORT:-13181}
CHUNK=${CHUNK:-15}
C=${C:-32}
JAR=${JAR:-$root/proxy-core/target/agentgate.jar}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
W=$(mktemp -d "${TMPDIR:-/tmp}/agentgate-reload.XXXXXX")
echo "work dir $W"

started_upstream=""
if ! curl -sf -o /dev/null "http://$UP_HTTP/small"; then
  "$BENCH_DIR/upstream.sh" start
  started_upstream=yes
fi
proxy_pid=""
load_pid=""
cleanup() {
  touch "$W/stop"
  [ -n "$load_pid" ] && wait "$load_pid" 2>/dev/null || true
  [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null || true
  [ -n "$started_upstream" ] && "$BENCH_DIR/upstream.sh" stop || true
}
trap cleanup EXIT

head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$W/token"
python3 "$here/gen_policy.py" --rules "$RULES" --version "load-start" > "$W/policy.yaml"
cat > "$W/agentgate.yaml" <<C
listeners:
  proxy: 127.0.0.1:$PORT
  admin: 127.0.0.1:$ADMIN_PORT
policy:
  file: policy.yaml
  poll_interval: $POLL
admin:
  token_file: token
upstream:
  allow_private_ranges: [127.0.0.1/32]
C

# shellcheck disable=SC2086
(cd "$W" && exec taskset -c "$PROXY_CPUS" java $JAVA_OPTS -jar "$JAR" run --config "$W/agentgate.yaml" > "$W/proxy.log" 2>&1) &
proxy_pid=$!
for _ in $(seq 600); do
  curl -sf -o /dev/null "http://127.0.0.1:$ADMIN_PORT/readyz" && break
  kill -0 "$proxy_pid" 2>/dev/null || { cat "$W/proxy.log"; exit 1; }
  sleep 0.1
done
echo "proxy up: $(curl -s "http://127.0.0.1:$ADMIN_PORT/readyz" | head -c 120)..."

# Load in back-to-back chunks until the updates are done (wrk cannot be stopped early cleanly).
(
  cd "$BENCH_DIR"
  while [ ! -f "$W/stop" ]; do
    echo "chunk start $(date +%s.%N)" >> "$W/wrk.out"
    BENCH_ORIGIN="http://$UP_HTTP" BENCH_MODE=proxy BENCH_PATH=/small \
      taskset -c "$LOAD_CPUS" wrk -t1 -c"$C" -d"${CHUNK}s" --timeout 5s -s lib/proxy.lua \
      "http://127.0.0.1:$PORT" >> "$W/wrk.out" 2>&1 || echo "wrk exit $?" >> "$W/wrk.out"
  done
) &
load_pid=$!
sleep 5  # warm-up under load before the first update

# Independent probes while the updates run: through the proxy, and straight to the origin.
python3 "$here/probe.py" proxied 127.0.0.1 "$PORT" "http://$UP_HTTP/small" "${PROBE_SECONDS:-60}" > "$W/probe-proxied.txt" 2>&1 &
probe1=$!
python3 "$here/probe.py" direct "${UP_HTTP%:*}" "${UP_HTTP#*:}" /small "${PROBE_SECONDS:-60}" > "$W/probe-direct.txt" 2>&1 &
probe2=$!

python3 "$here/policy_reload.py" --admin "http://127.0.0.1:$ADMIN_PORT" --token-file "$W/token" \
  --policy-file "$W/policy.yaml" --updates "$UPDATES" --rules "$RULES" | tee "$W/updates.txt"
touch "$W/stop"
wait "$load_pid"
load_pid=""

awk '/^RESULT/ {
  for (i = 2; i <= NF; i++) { split($i, kv, "="); s[kv[1]] += kv[2] }
  runs++
} /Non-2xx/ { non2xx += $NF }
/wrk exit/ { crashed++ }
END {
  errors = s["err_connect"] + s["err_read"] + s["err_write"] + s["err_status"] + s["err_timeout"]
  printf "load: %d wrk runs, %d requests, failed %d (connect %d, read %d, write %d, status %d, timeout %d), non-2xx lines %d, wrk crashes %d\n",
    runs, s["requests"], errors, s["err_connect"], s["err_read"], s["err_write"], s["err_status"], s["err_timeout"], non2xx, crashed
}' "$W/wrk.out" | tee "$W/load.txt"
wait "$probe1" "$probe2" || true
cat "$W/probe-proxied.txt" "$W/probe-direct.txt"
echo "rejected or failed reloads in the proxy log: $(grep -c 'rejected\|could not be read' "$W/proxy.log" || true)"
