#!/usr/bin/env bash
# tenki serve's cache-hit path of /api/v2/forecast (issue 15) against nginx serving the same bytes
# as a static file, side by side in one run, with wrk on loopback at 64 and 256 keep-alive
# connections. Target: tenki >= 0.8 x nginx requests/s, zero errors. Reports p50/p99.
# The upstream stand-in is nginx answering an OpenWeatherMap 5 day / 3 hour forecast (40 steps
# from now, the documented shape) for any path. Both servers get the same number of threads.
# Usage: bench/serve_forecast_vs_nginx.sh [path/to/tenki] [seconds per run, default 10]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
bench_args 10 "$@"  # tenki, duration, threads

owm_forecast_body "$bench_tmp/forecast.json"
serve_on_stand_in "$bench_tmp/forecast.json"
path="/api/v2/forecast?postalcode=94107&units=metric"  # 7 days, 24 hours
curl -sf "http://127.0.0.1:$tenki_port$path" > "$bench_tmp/static/index.json"  # warms the cache
echo "forecast body: $(wc -c < "$bench_tmp/static/index.json") bytes; $threads threads each; ${duration}s per run"

static_port=$(free_port)
NGINX_WORKERS=$threads start_nginx "$static_port" "$bench_tmp/static"

compare_with_nginx "$static_port" "$tenki_port" "$path" 0.80
