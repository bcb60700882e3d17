#!/usr/bin/env bash
# The cost of `tenki weather`, side by side with curl against the same local upstream, each as a
# ratio to curl and to `tenki --version` measured in the same rounds:
#   tenki --version            (target: under 3 ms)
#   curl -s URL                (the reference)
#   tenki weather, cold cache  (target: at most 1.1 x curl): an empty cache folder before each run
#                              (hyperfine --prepare), so the weather is asked and the sky computed
#   the same at coordinates    the answer's own point, typed: a place tenki resolves itself, as it
#                              does a US ZIP code (its sky computed while the weather is asked,
#                              at the offline table's point; another country's postal code waits
#                              for the provider's coordinates)
#   tenki weather --refresh    the weather asked again over a kept cache (the sky kept)
#   tenki weather, cache hit   (target: at most tenki --version + 1 ms)
# The upstream is nginx on loopback serving a recorded OpenWeatherMap answer, its observation time
# set to now (as a live upstream's is), so the sky shown is today's, as in real use.
# Wall-clock medians come from hyperfine; on a shared, noisy machine the instruction counts from
# callgrind (repeatable whatever else runs; every thread's, so the sky computed on a thread of its
# own counts there but not in the wall time) are reported beside them.
# Usage: bench/weather.sh [path/to/tenki]   (needs nginx, hyperfine, valgrind: scripts/install-deps.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tenki=${1:-$here/../build/tenki}
tenki=$(cd "$(dirname "$tenki")" && pwd)/$(basename "$tenki")
. "$here/lib.sh"
. "$here/owm_upstream.sh"
owm_observed_now
cache="$XDG_CACHE_HOME/tenki"
"$tenki" weather --no-alerts 94107 >/dev/null  # warm the cache for the hit case

coords=$(python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))["coord"]; print("%s,%s" % (c["lat"], c["lon"]))' \
         "$bench_tmp/www/index.json")
names=(version curl cold cold_coords refresh hit)
commands=("$tenki --version" "curl -s $url" "$tenki weather --no-alerts 94107" "$tenki weather --no-alerts $coords"
          "$tenki weather --refresh --no-alerts 94107" "$tenki weather --no-alerts 94107")
# hyperfine runs each command's runs in turn: the cold runs empty the cache folder before each
# run; the --refresh runs after them fill it again, so the hit runs after those are hits.
prepares=(true true "rm -rf $cache" "rm -rf $cache" true true)
args=()
for i in "${!names[@]}"; do args+=(--prepare "${prepares[$i]}"); done
for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
echo "$(date -u +%FT%TZ) uptime:$(uptime | sed 's/.*load average/ load average/')"
# Five rounds of 40 runs each, the commands one after another in each round, so that the load of a
# shared machine falls on all of them alike; the medians are over every run of every round.
for round in 1 2 3 4 5; do
  hyperfine -N --warmup 5 --runs 40 --export-json "$bench_tmp/result-$round.json" "${args[@]}" >/dev/null 2>&1
done

echo "$(date -u +%FT%TZ) uptime:$(uptime | sed 's/.*load average/ load average/')"
instructions version "$tenki" --version
instructions curl curl -s "$url"
rm -rf "$cache"
instructions cold_coords "$tenki" weather --no-alerts "$coords"
rm -rf "$cache"
instructions cold "$tenki" weather --no-alerts 94107
# After 94107's cold run: its sky (at the offline table's point, not the answer's) is kept.
instructions refresh "$tenki" weather --refresh --no-alerts 94107
instructions hit "$tenki" weather --no-alerts 94107

python3 - "$bench_tmp/instructions" "$bench_tmp"/result-*.json <<'PY'
import json, statistics, sys
times = {}
for f in sys.argv[2:]:
    for x in json.load(open(f))["results"]:
        times.setdefault(x["command"], []).extend(x["times"])
ins = dict((k, int(v)) for k, v in (l.split() for l in open(sys.argv[1])))
med = {k: statistics.median(v) * 1000 for k, v in times.items()}
for k in ("version", "curl", "cold", "cold_coords", "refresh", "hit"):
    print(f"{k:8s} median {med[k]:7.2f} ms   (mean {statistics.mean(times[k])*1000:6.2f}, {len(times[k])} runs)"
          f"   {ins[k]/1e6:6.2f} M instructions   / curl {med[k]/med['curl']:.2f}   / --version {med[k]/med['version']:.2f}")
print(f"tenki --version: {med['version']:.2f} ms (target < 3 ms)")
for k in ("cold", "cold_coords", "refresh"):
    print(f"{k} / curl: {med[k]/med['curl']:.2f} by time, {ins[k]/ins['curl']:.2f} by instructions"
          + (" (target <= 1.1)" if k.startswith("cold") else ""))
print(f"hit - version: {med['hit']-med['version']:+.2f} ms (target <= +1 ms); "
      f"hit / version by instructions: {ins['hit']/ins['version']:.3f}")
PY
