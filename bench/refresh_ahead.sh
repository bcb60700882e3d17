#!/usr/bin/env bash
# Refresh ahead: a hot place polled across its expiries never waits for the upstream.
# tenki serve with a 5 s TTL (refreshed ahead in its last 10 %) in front of an upstream that takes
# UPSTREAM_DELAY seconds (default 0.1) to answer, against the same server with a TTL longer than
# the run (cache hits only), side by side with wrk at 64 connections on /api/v1/weather.
# Target: p99 across the expiries equal to the hits-only p99 (within the noise of the run), and
# one upstream call per expiry. Refresh ahead starts in the last 10 % of a TTL, so it hides an
# upstream slower than that only from the first lookup of the window: with the default 300 s TTL,
# 30 s, far beyond the upstream timeout; here 0.5 s, so UPSTREAM_DELAY=0.5 shows the waits.
# Usage: bench/refresh_ahead.sh [path/to/tenki] [seconds per run, default 15]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tenki=${1:-$here/../build/tenki}
tenki=$(cd "$(dirname "$tenki")" && pwd)/$(basename "$tenki")
duration=${2:-15}
. "$here/lib.sh"
threads=${TENKI_BENCH_THREADS:-$(nproc)}
delay=${UPSTREAM_DELAY:-0.1}

# A slow stand-in OpenWeatherMap: the recorded answer after `delay` seconds, counting calls.
upstream_port=$(free_port)
python3 - "$upstream_port" "$here/data/owm-94107.json" "$delay" "$bench_tmp/upstream-calls" <<'PY' &
import http.server, sys, time
port, body, delay, count_file = int(sys.argv[1]), open(sys.argv[2], "rb").read(), float(sys.argv[3]), sys.argv[4]
calls = 0
class Slow(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        global calls
        calls += 1
        open(count_file, "w").write(str(calls))
        time.sleep(delay)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), Slow).serve_forever()
PY
bench_pids+=($!)
wait_port "$upstream_port"

start_tenki() {  # start_tenki TTL: starts tenki serve on a free port, left in $started_port
  started_port=$(free_port)
  OWM_API_KEY=benchkey TENKI_OWM_URL="http://127.0.0.1:$upstream_port" \
    "$tenki" serve -q --port "$started_port" --threads "$threads" --cache-ttl "$1" 2>/dev/null &
  bench_pids+=($!)
  wait_port "$started_port"
}
path="/api/v1/weather?postalcode=94107"

start_tenki 3600
hits_port=$started_port
curl -sf "http://127.0.0.1:$hits_port$path" >/dev/null
start_tenki 5
expiry_port=$started_port
echo "upstream answers after ${delay} s; $threads threads; ${duration} s per run"

p99() { wrk -t"$threads" -c64 -d"${duration}s" --latency "$1" | tee "$bench_tmp/wrk-$2" | awk '$1 == "99%" {print $2}'; }
hits=$(p99 "http://127.0.0.1:$hits_port$path" hits)
curl -sf "http://127.0.0.1:$expiry_port$path" >/dev/null  # cached now, expiring during the run
before=$(cat "$bench_tmp/upstream-calls")
across=$(p99 "http://127.0.0.1:$expiry_port$path" expiry)
calls=$(( $(cat "$bench_tmp/upstream-calls") - before ))
for run in hits expiry; do
  printf '%-7s %s req/s, p50 %s, p99 %s, max %s\n' "$run" \
    "$(awk '/Requests\/sec/ {print $2}' "$bench_tmp/wrk-$run")" \
    "$(awk '$1 == "50%" {print $2}' "$bench_tmp/wrk-$run")" \
    "$(awk '$1 == "99%" {print $2}' "$bench_tmp/wrk-$run")" \
    "$(awk '$1 == "Latency" {print $4}' "$bench_tmp/wrk-$run")"
done
echo "p99 hits only: $hits; p99 across expiries: $across; upstream calls during the expiry run: $calls" \
  "(one per ${duration}/5 expiries expected: $(( duration / 5 )))"
