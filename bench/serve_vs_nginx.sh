#!/usr/bin/env bash
# tenki serve's cache-hit path of /api/v1/weather against nginx serving the same bytes as a static
# file, side by side in one run, with wrk on loopback at 64 and 256 keep-alive connections.
# Target: tenki >= 0.7 x nginx requests/s, zero errors. Reports p50/p99 and tenki's peak RSS.
# Both servers get the same number of threads/workers (default: one per core).
# Usage: bench/serve_vs_nginx.sh [path/to/tenki] [seconds per run, default 10]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
bench_args 10 "$@"  # tenki, duration, threads

# A stand-in OpenWeatherMap: nginx answering a recorded body (bench/data) for any path.
serve_on_stand_in "$here/data/owm-94107.json"
path="/api/v1/weather?postalcode=94107"
curl -sf "http://127.0.0.1:$tenki_port$path" > "$bench_tmp/static/index.json"  # warms the cache
echo "v1 body: $(wc -c < "$bench_tmp/static/index.json") bytes; $threads threads each; ${duration}s per run"

static_port=$(free_port)
NGINX_WORKERS=$threads start_nginx "$static_port" "$bench_tmp/static"

compare_with_nginx "$static_port" "$tenki_port" "$path" 0.70
echo "tenki peak RSS: $(awk '/VmHWM/ {print $2, $3}' "/proc/$tenki_pid/status")"
