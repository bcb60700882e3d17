#!/usr/bin/env bash
# What the alerts cost `tenki weather`: a cold run (no cache: --refresh, and the alerts' cache is
# the process's) with alerts, against the same run with --no-alerts (the reference, measured in
# the same rounds). The alerts' request runs in parallel with the weather's, so the target is at
# most 1.1 x. Both upstreams are nginx on loopback serving recorded answers (OpenWeatherMap's for
# the weather, the NWS's FeatureCollection with one alert);
# Usage: bench/alerts.sh [path/to/tenki]   (needs nginx, hyperfine, valgrind: scripts/install-deps.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tenki=${1:-$here/../build/tenki}
tenki=$(cd "$(dirname "$tenki")" && pwd)/$(basename "$tenki")
. "$here/lib.sh"

mkdir -p "$bench_tmp/owm" "$bench_tmp/nws" "$bench_tmp/cache"
cp "$here/data/owm-94107.json" "$bench_tmp/owm/index.json"
cp "$here/data/nws-alerts-10001.json" "$bench_tmp/nws/index.json"
owm_port=$(free_port)
start_nginx "$owm_port" "$bench_tmp/owm"
nws_port=$(free_port)
start_nginx "$nws_port" "$bench_tmp/nws"

export OWM_API_KEY=benchkey TENKI_OWM_URL="http://127.0.0.1:$owm_port" XDG_CACHE_HOME="$bench_tmp/cache" NO_COLOR=1
export TENKI_NWS_URL="http://127.0.0.1:$nws_port" TENKI_NWS_CONTACT=bench
# The recorded alert ends in 2030: it is in force, so the top line is printed.
"$tenki" weather --refresh 10001 | head -1

echo "$(date -u +%FT%TZ) uptime:$(uptime | sed 's/.*load average/ load average/')"
for round in 1 2 3 4 5 6; do
  # The order alternates between rounds: the first command of a round pays for what ran before.
  if [ $((round % 2)) -eq 1 ]; then order=(without with); else order=(with without); fi
  args=()
  for name in "${order[@]}"; do
    if [ "$name" = without ]; then args+=(-n without "$tenki weather --refresh --no-alerts 10001")
    else args+=(-n with "$tenki weather --refresh 10001"); fi
  done
  hyperfine -N --warmup 5 --runs 40 --export-json "$bench_tmp/result-$round.json" "${args[@]}" >/dev/null 2>&1
done
echo "$(date -u +%FT%TZ) uptime:$(uptime | sed 's/.*load average/ load average/')"
# On a loaded machine the wall times scatter; callgrind's instruction counts (every thread) do not.
instructions without "$tenki" weather --refresh --no-alerts 10001
instructions with "$tenki" weather --refresh 10001

python3 - "$bench_tmp/instructions" "$bench_tmp"/result-*.json <<'PY'
import json, statistics, sys
ins = dict((k, int(v)) for k, v in (l.split() for l in open(sys.argv[1])))
times = {}
for f in sys.argv[2:]:
    for x in json.load(open(f))["results"]:
        times.setdefault(x["command"], []).extend(x["times"])
med = {k: statistics.median(v) * 1000 for k, v in times.items()}
for k in ("without", "with"):
    print(f"{k:8s} median {med[k]:7.2f} ms   (mean {statistics.mean(times[k])*1000:6.2f}, {len(times[k])} runs)"
          f"   {ins[k]/1e6:6.2f} M instructions")
print(f"with / without: {med['with']/med['without']:.3f} by time (target <= 1.1), "
      f"{ins['with']/ins['without']:.3f} by instructions")
PY
