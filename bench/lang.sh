#!/usr/bin/env bash
# What tenki's languages (issue 27) cost, in one run:
#   tenki weather, cache hit, --lang de and --lang ja beside English  (target: within 0.5 ms of English)
#   tenki --version, this build against a reference build without the languages
#                                                                     (target: no slower)
#   the binary's size, stripped, against the reference                (target: at most 3 MB more)
# The upstream is nginx on loopback serving a recorded OpenWeatherMap answer (bench/owm_upstream.sh);
# no alerts are asked (--no-alerts, as bench/weather.sh), so no run waits on the NWS.
# Wall-clock medians from hyperfine, in rounds that interleave the commands; instruction counts
# from callgrind (repeatable on a shared, noisy machine) beside them.
# Usage: bench/lang.sh REFERENCE_TENKI [path/to/tenki]
#   REFERENCE_TENKI: a tenki built before the languages (e.g. from the lang branch's parent).
#   (needs nginx, hyperfine, valgrind: scripts/install-deps.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
reference=${1:?usage: bench/lang.sh REFERENCE_TENKI [path/to/tenki]}
tenki=${2:-$here/../build/tenki}
tenki=$(cd "$(dirname "$tenki")" && pwd)/$(basename "$tenki")
. "$here/lib.sh"
. "$here/owm_upstream.sh"
unset LANG LC_ALL LC_MESSAGES TENKI_LANG
"$tenki" weather --no-alerts 94107 >/dev/null  # warm the cache: every run below is a hit

echo "$(date -u +%FT%TZ) uptime:$(uptime | sed 's/.*load average/ load average/')"
for round in 1 2 3 4 5; do
  hyperfine -N --warmup 5 --runs 40 --export-json "$bench_tmp/result-$round.json" \
    -n reference_version "$reference --version" \
    -n version "$tenki --version" \
    -n hit_en "$tenki weather --no-alerts 94107" \
    -n hit_de "$tenki weather --no-alerts --lang de 94107" \
    -n hit_ja "$tenki weather --no-alerts --lang ja 94107" >/dev/null 2>&1
done
echo "$(date -u +%FT%TZ) uptime:$(uptime | sed 's/.*load average/ load average/')"
instructions reference_version "$reference" --version
instructions version "$tenki" --version
instructions hit_en "$tenki" weather --no-alerts 94107
instructions hit_de "$tenki" weather --no-alerts --lang de 94107
instructions hit_ja "$tenki" weather --no-alerts --lang ja 94107
stripped() { strip -o "$bench_tmp/stripped" "$1" && stat -c %s "$bench_tmp/stripped"; }

python3 - "$bench_tmp/instructions" "$(stripped "$reference")" "$(stripped "$tenki")" "$bench_tmp"/result-*.json <<'PY'
import json, statistics, sys
ins = dict((k, int(v)) for k, v in (l.split() for l in open(sys.argv[1])))
ref_size, new_size = int(sys.argv[2]), int(sys.argv[3])
times = {}
for f in sys.argv[4:]:
    for x in json.load(open(f))["results"]:
        times.setdefault(x["command"], []).extend(x["times"])
med = {k: statistics.median(v) * 1000 for k, v in times.items()}
for k in ("reference_version", "version", "hit_en", "hit_de", "hit_ja"):
    print(f"{k:18s} median {med[k]:7.2f} ms ({len(times[k])} runs)   {ins[k]/1e6:6.2f} M instructions")
for k in ("hit_de", "hit_ja"):
    print(f"{k} - hit_en: {med[k]-med['hit_en']:+.2f} ms (target within 0.5 ms); "
          f"{ins[k]/ins['hit_en']:.3f} x by instructions")
print(f"--version / reference: {med['version']/med['reference_version']:.2f} x by time, "
      f"{ins['version']/ins['reference_version']:.3f} x by instructions (target: no slower)")
print(f"binary, stripped: {new_size/1e6:.2f} MB vs {ref_size/1e6:.2f} MB: "
      f"{(new_size-ref_size)/1e6:+.2f} MB (target at most +3 MB)")
PY
