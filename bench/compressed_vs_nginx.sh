#!/usr/bin/env bash
# tenki serve's compressed cache hits against nginx serving the same gzip bytes pre-compressed
# (gzip_static), side by side in one run, with wrk on loopback at 64 and 256 keep-alive
# connections, every request saying Accept-Encoding: gzip. Both answers are checked to be gzip and
# the same bytes first. Target: tenki >= 0.8 x nginx requests/s, zero errors.
# Both servers get the same number of threads/workers (default: one per core).
# Usage: bench/compressed_vs_nginx.sh [path/to/tenki] [seconds per run, default 10]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
bench_args 10 "$@"  # tenki, duration, threads

# A stand-in OpenWeatherMap: nginx answering a recorded body (bench/data) for any path.
serve_on_stand_in "$here/data/owm-94107.json"
path="/api/v2/weather?postalcode=94107"
gz="Accept-Encoding: gzip"
# The same bytes for both: tenki's identity body as index.json, its gzip form beside it.
curl -sf "http://127.0.0.1:$tenki_port$path" > "$bench_tmp/static/index.json"
curl -sf -H "$gz" "http://127.0.0.1:$tenki_port$path" > "$bench_tmp/static/index.json.gz"
gunzip -c "$bench_tmp/static/index.json.gz" | cmp -s - "$bench_tmp/static/index.json" ||
  { echo "tenki's gzip answer is not its identity body" >&2; exit 1; }

static_port=$(free_port)
NGINX_LOCATIONS="gzip_static on;" NGINX_WORKERS=$threads start_nginx "$static_port" "$bench_tmp/static"
for port in "$tenki_port" "$static_port"; do
  curl -sfD - -o "$bench_tmp/check.gz" -H "$gz" "http://127.0.0.1:$port$path" | grep -qi '^content-encoding: gzip' ||
    { echo "port $port did not answer gzip" >&2; exit 1; }
  cmp -s "$bench_tmp/check.gz" "$bench_tmp/static/index.json.gz" || { echo "port $port: other bytes" >&2; exit 1; }
done
echo "v2 body: $(wc -c < "$bench_tmp/static/index.json") bytes, gzip $(wc -c < "$bench_tmp/static/index.json.gz");" \
  "$threads threads each; ${duration}s per run"

export WRK_HEADER=$gz
compare_with_nginx "$static_port" "$tenki_port" "$path" 0.80
echo "tenki peak RSS: $(awk '/VmHWM/ {print $2, $3}' "/proc/$tenki_pid/status")"
