#!/usr/bin/env bash
# What the alerts cost `tenki weather`: a cold run (--refresh: both upstreams are asked; the disk
# cache is written, never read) with alerts, against the same run with --no-alerts (the
# reference). The runs interleave, with, without, without, with, ..., so that both see the same
# load; the figure is the ratio of the medians, and the median of each pair's ratio beside it.
# The alerts' request runs in parallel with the weather's, so the target is at most 1.1 x. Both
# upstreams are nginx on loopback serving recorded answers (OpenWeatherMap's for the weather, the
# NWS's FeatureCollection with one alert).
# Usage: bench/alerts.sh [path/to/tenki] [pairs, default 300]
#        (needs nginx and valgrind: scripts/install-deps.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tenki=${1:-$here/../build/tenki}
tenki=$(cd "$(dirname "$tenki")" && pwd)/$(basename "$tenki")
pairs=${2:-300}
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
# Interleaved: pair i runs `with` first when i is even, `without` first when odd, so neither pays
# more often for what ran before it. Wall time of each run, from fork to exit.
python3 - "$tenki" "$pairs" "$bench_tmp/times.json" <<'PY'
import json, subprocess, sys, time
tenki, pairs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
cmds = {"without": [tenki, "weather", "--refresh", "--no-alerts", "10001"],
        "with": [tenki, "weather", "--refresh", "10001"]}
def run(name):
    t = time.perf_counter()
    subprocess.run(cmds[name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t
for name in ("without", "with", "without", "with", "without", "with"):  # warm-up
    run(name)
times = {"without": [], "with": []}
for i in range(pairs):
    for name in (("with", "without") if i % 2 == 0 else ("without", "with")):
        times[name].append(run(name))
json.dump(times, open(out, "w"))
PY
echo "$(date -u +%FT%TZ) uptime:$(uptime | sed 's/.*load average/ load average/')"
# On a loaded machine the wall times scatter; callgrind's instruction counts (every thread) do not.
instructions without "$tenki" weather --refresh --no-alerts 10001
instructions with "$tenki" weather --refresh 10001

python3 - "$bench_tmp/instructions" "$bench_tmp/times.json" <<'PY'
import json, statistics, sys
ins = dict((k, int(v)) for k, v in (l.split() for l in open(sys.argv[1])))
times = json.load(open(sys.argv[2]))
med = {k: statistics.median(v) * 1000 for k, v in times.items()}
for k in ("without", "with"):
    print(f"{k:8s} median {med[k]:7.2f} ms   (mean {statistics.mean(times[k])*1000:6.2f}, {len(times[k])} runs)"
          f"   {ins[k]/1e6:6.2f} M instructions")
pair = statistics.median(w / o for w, o in zip(times["with"], times["without"]))
print(f"with / without: {med['with']/med['without']:.3f} by median time (target <= 1.1), "
      f"{pair:.3f} median of the pairs' ratios, {ins['with']/ins['without']:.3f} by instructions")
PY
