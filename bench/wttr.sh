#!/usr/bin/env bash
# tenki serve's wttr.in routes on a cache hit (issue 28): /94107?format=3 and /94107?format=j1
# against /api/v2/weather?postalcode=94107, in the same run, with wrk on loopback at 64 keep-alive
# connections. Target: each >= 0.9 x v2's requests/s. The upstream stand-in is nginx answering
# OpenWeatherMap's weather and 5 day / 3 hour forecast (bench/lib.sh's) by path.
# Usage: bench/wttr.sh [path/to/tenki] [seconds per run, default 10]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
bench_args 10 "$@"  # tenki, duration, threads

mkdir -p "$bench_tmp/owm/data/2.5"
cp "$here/data/owm-94107.json" "$bench_tmp/owm/data/2.5/weather"
owm_forecast_body "$bench_tmp/owm/data/2.5/forecast"
serve_on_stand_in "$here/data/owm-94107.json"
v2="/api/v2/weather?postalcode=94107"
format3="/94107?format=3"
j1="/94107?format=j1"
for path in "$v2" "$format3" "$j1"; do
  curl -sf "http://127.0.0.1:$tenki_port$path" > /dev/null  # warms the caches
done
echo "$threads threads; ${duration}s per run; format=3: $(curl -sf "http://127.0.0.1:$tenki_port$format3")"
echo "bodies: v2 $(curl -sf "http://127.0.0.1:$tenki_port$v2" | wc -c) bytes, j1 $(curl -sf "http://127.0.0.1:$tenki_port$j1" | wc -c) bytes"
c=64
run_wrk v2 "$c" "http://127.0.0.1:$tenki_port$v2"
run_wrk format3 "$c" "http://127.0.0.1:$tenki_port$format3"
run_wrk j1 "$c" "http://127.0.0.1:$tenki_port$j1"
for name in format3 j1; do
  python3 -c "import sys; v,t=(float(open(f).read()) for f in sys.argv[1:3]); print(f'ratio $name/v2 at c=$c: {t/v:.2f} (target >= 0.9)')" \
    "$bench_tmp/rps-v2-$c" "$bench_tmp/rps-$name-$c"
done
