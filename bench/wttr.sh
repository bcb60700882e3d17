#!/usr/bin/env bash
# tenki serve's wttr.in routes on a cache hit (issue 28): /94107?format=3, /94107?format=j1 and
# the terminal view (/94107 asked with curl's User-Agent) against /api/v2/weather?postalcode=94107,
# in the same run, with wrk on loopback at 64 keep-alive connections. Target: each >= 0.9 x v2's
# requests/s. j2 (1.7 KB) is v2's size class; j1 (20 KB, compact) is also set against v2's largest
# document, the forecast of 5 days and 48 hours (9 KB), the nearest body size class v2 has. The upstream stand-in is nginx answering
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
terminal="/94107"
fc="/api/v2/forecast?postalcode=94107&days=5&hours=48"
j2="/94107?format=j2"
curl_agent="User-Agent: curl/8.5.0"
for path in "$v2" "$format3" "$j1" "$fc" "$j2"; do
  curl -sf "http://127.0.0.1:$tenki_port$path" > /dev/null  # warms the caches
done
echo "$threads threads; ${duration}s per run; format=3: $(curl -sf "http://127.0.0.1:$tenki_port$format3")"
curl -sf -H "$curl_agent" "http://127.0.0.1:$tenki_port$terminal" > /dev/null
echo "bodies: v2 $(curl -sf "http://127.0.0.1:$tenki_port$v2" | wc -c) bytes, j1 $(curl -sf "http://127.0.0.1:$tenki_port$j1" | wc -c) bytes, j2 $(curl -sf "http://127.0.0.1:$tenki_port$j2" | wc -c) bytes, v2 forecast $(curl -sf "http://127.0.0.1:$tenki_port$fc" | wc -c) bytes, terminal $(curl -sf -H "$curl_agent" "http://127.0.0.1:$tenki_port$terminal" | wc -c) bytes"
c=64
run_wrk v2 "$c" "http://127.0.0.1:$tenki_port$v2"
run_wrk format3 "$c" "http://127.0.0.1:$tenki_port$format3"
run_wrk j1 "$c" "http://127.0.0.1:$tenki_port$j1"
WRK_HEADER="$curl_agent" run_wrk term "$c" "http://127.0.0.1:$tenki_port$terminal"
run_wrk fc "$c" "http://127.0.0.1:$tenki_port$fc"
run_wrk j2 "$c" "http://127.0.0.1:$tenki_port$j2"
for name in format3 j1 j2 term; do
  python3 -c "import sys; v,t=(float(open(f).read()) for f in sys.argv[1:3]); print(f'ratio $name/v2 at c=$c: {t/v:.2f} (target >= 0.9)')" \
    "$bench_tmp/rps-v2-$c" "$bench_tmp/rps-$name-$c"
done
for name in j1; do
  python3 -c "import sys; v,t=(float(open(f).read()) for f in sys.argv[1:3]); print(f'ratio $name/v2-forecast at c=$c: {t/v:.2f} (the same size class)')" \
    "$bench_tmp/rps-fc-$c" "$bench_tmp/rps-$name-$c"
done
