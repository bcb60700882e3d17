#!/usr/bin/env bash
# The cost of `tenki forecast`, side by side with curl against the same local upstream:
#   curl -s URL                  (the reference: the same forecast body, fetched and discarded)
#   tenki forecast --refresh     (target: at most 1.3 x curl)
#   tenki forecast, cache hit    (from the disk cache: no upstream call)
#   tenki forecast --json --refresh
# The upstream is nginx on loopback serving an OpenWeatherMap 5 day / 3 hour forecast (40 steps,
# written from now, in the documented shape). Wall-clock medians come from hyperfine; callgrind's
# instruction counts (repeatable on a shared, noisy machine) are reported beside them.
# Usage: bench/forecast.sh [path/to/tenki]   (needs nginx, hyperfine, valgrind: scripts/install-deps.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tenki=${1:-$here/../build/tenki}
tenki=$(cd "$(dirname "$tenki")" && pwd)/$(basename "$tenki")
. "$here/lib.sh"

mkdir -p "$bench_tmp/www" "$bench_tmp/cache"
owm_forecast_body "$bench_tmp/www/index.json"
port=$(free_port)
start_nginx "$port" "$bench_tmp/www"
url="http://127.0.0.1:$port/data/2.5/forecast?zip=94107,us&appid=benchkey"

export OWM_API_KEY=benchkey TENKI_OWM_URL="http://127.0.0.1:$port" XDG_CACHE_HOME="$bench_tmp/cache" NO_COLOR=1
"$tenki" forecast 94107 >/dev/null  # warm the cache for the hit case

hyperfine -N --warmup 20 --runs "${RUNS:-200}" --export-json "$bench_tmp/result.json" \
  -n curl "curl -s $url" \
  -n miss "$tenki forecast --refresh 94107" \
  -n hit "$tenki forecast 94107" \
  -n json "$tenki forecast --json --refresh 94107" >/dev/null

instructions curl curl -s "$url"
instructions miss "$tenki" forecast --refresh 94107
instructions hit "$tenki" forecast 94107
instructions json "$tenki" forecast --json --refresh 94107

python3 - "$bench_tmp/result.json" "$bench_tmp/instructions" "$bench_tmp/www/index.json" <<'PY'
import json, os, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ins = dict((k, int(v)) for k, v in (l.split() for l in open(sys.argv[2])))
med = {k: v["median"] * 1000 for k, v in r.items()}
print(f"upstream body: {os.path.getsize(sys.argv[3])} bytes (40 steps)")
for k in ("curl", "miss", "hit", "json"):
    print(f"{k:5s} median {med[k]:7.2f} ms   (mean {r[k]['mean']*1000:6.2f} ± {r[k]['stddev']*1000:5.2f})"
          f"   {ins[k]/1e6:6.2f} M instructions")
print(f"miss / curl: {med['miss']/med['curl']:.2f} by time, {ins['miss']/ins['curl']:.2f} by instructions (target <= 1.3)")
print(f"hit / curl: {med['hit']/med['curl']:.2f} by time")
PY
