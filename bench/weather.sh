#!/usr/bin/env bash
# The cost of `tenki weather`, side by side with curl against the same local upstream:
#   tenki --version            (target: under 3 ms)
#   curl -s URL                (the reference)
#   tenki weather --refresh    (target: at most 1.1 x curl)
#   tenki weather, cache hit   (target: at most tenki --version + 1 ms)
# The upstream is nginx on loopback serving a recorded OpenWeatherMap answer.
# Wall-clock medians come from hyperfine; on a shared, noisy machine the instruction counts from
# callgrind (repeatable whatever else runs) are reported beside them.
# Usage: bench/weather.sh [path/to/tenki]   (needs nginx, hyperfine, valgrind: scripts/install-deps.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tenki=${1:-$here/../build/tenki}
tenki=$(cd "$(dirname "$tenki")" && pwd)/$(basename "$tenki")
. "$here/lib.sh"
. "$here/owm_upstream.sh"
"$tenki" weather 94107 >/dev/null  # warm the cache for the hit case

echo "$(date -u +%FT%TZ) uptime:$(uptime | sed 's/.*load average/ load average/')"
# Five rounds of 40 runs each, the commands one after another in each round, so that the load of a
# shared machine falls on all of them alike; the medians are over every run of every round.
for round in 1 2 3 4 5; do
  hyperfine -N --warmup 5 --runs 40 --export-json "$bench_tmp/result-$round.json" \
    -n version "$tenki --version" \
    -n curl "curl -s $url" \
    -n miss "$tenki weather --refresh --no-alerts 94107" \
    -n hit "$tenki weather --no-alerts 94107" >/dev/null 2>&1
done

echo "$(date -u +%FT%TZ) uptime:$(uptime | sed 's/.*load average/ load average/')"
instructions version "$tenki" --version
instructions curl curl -s "$url"
instructions miss "$tenki" weather --refresh --no-alerts 94107
instructions hit "$tenki" weather --no-alerts 94107

python3 - "$bench_tmp/instructions" "$bench_tmp"/result-*.json <<'PY'
import json, statistics, sys
times = {}
for f in sys.argv[2:]:
    for x in json.load(open(f))["results"]:
        times.setdefault(x["command"], []).extend(x["times"])
ins = dict((k, int(v)) for k, v in (l.split() for l in open(sys.argv[1])))
med = {k: statistics.median(v) * 1000 for k, v in times.items()}
for k in ("version", "curl", "miss", "hit"):
    print(f"{k:8s} median {med[k]:7.2f} ms   (mean {statistics.mean(times[k])*1000:6.2f}, {len(times[k])} runs)"
          f"   {ins[k]/1e6:6.2f} M instructions")
print(f"tenki --version: {med['version']:.2f} ms (target < 3 ms)")
print(f"miss / curl: {med['miss']/med['curl']:.2f} by time, {ins['miss']/ins['curl']:.2f} by instructions (target <= 1.1)")
print(f"hit - version: {med['hit']-med['version']:+.2f} ms (target <= +1 ms); "
      f"hit / version by instructions: {ins['hit']/ins['version']:.3f}")
PY
