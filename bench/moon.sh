#!/usr/bin/env bash
# What the sky costs, in one run, each as a ratio to a reference measured in the same run
# (wall-clock medians from hyperfine over interleaved rounds; instruction counts from callgrind,
# repeatable on a shared, noisy machine):
#   tenki moon Paris --date D, whole process, against tenki --version of the same build
#                                   (target: within 1 ms of it): warm (the sky kept in the disk
#                                   cache by the run before) and cold (a cache folder tenki may not
#                                   use, so it computes each time; both it and its --version
#                                   reference started through env(1))
#   tenki weather 94107 (the text report, with its Sky line), cache hit, against -f {temp} (no
#   sky field) and against tenki --version    (target: within 1 ms of --version)
#   tenki forecast 94107 --json (the astronomy of each day shown), cache hit, against the text
#   forecast (none): the per-day cost of the sky
#   a cold moon's instructions by thread (one, unless a build loads the zone on a thread of its
#   own) and each libnova and ERFA function it calls, with the number of calls; its instructions in
#   the zone (dlopen, CCTZ's load) and in ERFA's positions (eraMoon98, eraPlan94, the
#   precession-nutation matrix eraPnm00b), and its minor page faults against --version's
#   tenki --version against REFERENCE_TENKI's (a build from before astronomy, e.g. commit
#   0b8331a), with the dynamic loader's work for each (LD_DEBUG=statistics) and the stripped
#   sizes                           (target: no slower than the reference)
# The upstream is nginx on loopback serving a recorded OpenWeatherMap answer (bench/data).
# Usage: bench/moon.sh [REFERENCE_TENKI [path/to/tenki]]   (no reference: its lines are left out)
#   (needs nginx, hyperfine, valgrind: scripts/install-deps.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
reference=${1:-}
tenki=${2:-$here/../build/tenki}
tenki=$(cd "$(dirname "$tenki")" && pwd)/$(basename "$tenki")
. "$here/lib.sh"

mkdir -p "$bench_tmp/www/data/2.5" "$bench_tmp/cache" "$bench_tmp/cold/tenki"
chmod 0777 "$bench_tmp/cold/tenki"  # others may write it: tenki neither reads nor writes a cache there
cp "$here/data/owm-94107.json" "$bench_tmp/www/index.json"
owm_forecast_body "$bench_tmp/www/data/2.5/forecast"
port=$(free_port)
start_nginx "$port" "$bench_tmp/www"
export HOME="$bench_tmp" XDG_CONFIG_HOME="$bench_tmp/config"  # no config file of the user's
export OWM_API_KEY=benchkey TENKI_OWM_URL="http://127.0.0.1:$port" XDG_CACHE_HOME="$bench_tmp/cache" NO_COLOR=1
"$tenki" weather --no-alerts 94107 >/dev/null  # fill the cache: the runs below are hits
"$tenki" forecast 94107 >/dev/null
days=$("$tenki" forecast 94107 --json | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["daily"]))')

names=(version moon text temp forecast_json forecast_text moon_cold version_env)
commands=("$tenki --version" "$tenki moon Paris --date 2026-12-12" "$tenki weather --no-alerts 94107"
          "$tenki weather --no-alerts 94107 -f {temp}" "$tenki forecast 94107 --json" "$tenki forecast 94107"
          "env XDG_CACHE_HOME=$bench_tmp/cold $tenki moon Paris --date 2026-12-12"
          "env XDG_CACHE_HOME=$bench_tmp/cold $tenki --version")
"$tenki" moon Paris --date 2026-12-12 >/dev/null  # the sky kept: the moon runs below are warm
if [ -n "$reference" ]; then names+=(reference); commands+=("$reference --version"); fi
args=()
for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
echo "$(date -u +%FT%TZ) uptime:$(uptime | sed 's/.*load average/ load average/')"
# Five rounds of 40 runs each, the commands one after another in each round, so that the load of a
# shared machine falls on all of them alike; the medians are over every run of every round.
for round in 1 2 3 4 5; do
  hyperfine -N --warmup 5 --runs 40 --export-json "$bench_tmp/result-$round.json" "${args[@]}" >/dev/null 2>&1
done
for i in "${!names[@]}"; do
  read -r -a words <<<"${commands[$i]}"
  if [ "${words[0]}" = env ]; then  # callgrind counts tenki itself, with env's variable set
    (export "${words[1]}"; instructions "${names[$i]}" "${words[@]:2}")
  else
    instructions "${names[$i]}" "${words[@]}"
  fi
done
# A cold moon's threads (one, unless a build loads the zone on a thread of its own) and the
# libnova and ERFA functions it calls, with their counts, from one callgrind run.
(export XDG_CACHE_HOME="$bench_tmp/cold"
 valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$bench_tmp/cold.cg" \
   "$tenki" moon Paris --date 2026-12-12 >/dev/null 2>&1)
for f in "$bench_tmp"/cold.cg-*; do awk '/^totals:/ {print $2}' "$f"; done > "$bench_tmp/threads"
callgrind_annotate --inclusive=yes --threshold=100 --tree=caller "$bench_tmp/cold.cg-01" 2>/dev/null |
  awk '/ < \?\?\?:(ln|era)[A-Z_]/ { next }  # calls within libnova or ERFA are not counted
       / < / { c = $0; sub(/.*\(/, "", c); sub(/x\).*/, "", c); calls += c; next }
       / \*  \?\?\?:(ln|era)[A-Z_]/ { f = $0; sub(/.*\?\?\?:/, "", f); sub(/ .*/, "", f); if (calls) print f, calls }
       { calls = 0 }' | sort > "$bench_tmp/nova_calls"
# Where a cold moon's instructions above --version go, inclusive, from the same run: the zone (the
# module's dlopen, CCTZ's load of one zone and, within it, its civil time of each transition: 400
# years of them past the file's last, from the zone's POSIX rule) and ERFA's positions.
callgrind_annotate --inclusive=yes --threshold=100 "$bench_tmp/cold.cg-01" 2>/dev/null |
  awk 'function take(name) { n = $1; gsub(/,/, "", n); if (!(name in part)) part[name] = n }
       /dlopen@@GLIBC/ { take("dlopen") }
       /cctz::load_time_zone\(/ { take("cctz_load") }
       /cctz::TimeZoneInfo::LocalTime\(/ { take("cctz_local_time") }
       /\?\?\?:eraMoon98 / { take("moon98") }
       /\?\?\?:eraPlan94 / { take("plan94") }
       /\?\?\?:eraPnm00b / { take("pnm00b") }
       END { for (name in part) print name, part[name] }' | sort > "$bench_tmp/parts"
# Minor page faults of one run each (a cold moon maps the zone's libraries), which callgrind does
# not count.
faults() {  # faults CMD...: the run's minor page faults (posix_spawn: none of python's own counted)
  python3 -c 'import os, sys
quiet = [(os.POSIX_SPAWN_OPEN, fd, "/dev/null", os.O_WRONLY, 0) for fd in (1, 2)]
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], dict(os.environ), file_actions=quiet)
print(os.wait4(pid, 0)[2].ru_minflt)' "$@"
}
echo "$(faults "$tenki" --version) $(XDG_CACHE_HOME="$bench_tmp/cold" faults "$tenki" moon Paris --date 2026-12-12)" \
  > "$bench_tmp/faults"
loader() {  # loader CMD...: the dynamic loader's relocations, as LD_DEBUG counts them
  LD_DEBUG=statistics "$@" 2>&1 >/dev/null | awk '/final number of relocations:/ {r=$NF} END {print r+0}'
}
stripped() { strip -o "$bench_tmp/stripped" "$1" && stat -c %s "$bench_tmp/stripped"; }
{
  echo "loader_version $(loader "$tenki" --version) $(ldd "$tenki" | wc -l) $(stripped "$tenki")"
  [ -z "$reference" ] || echo "loader_reference $(loader "$reference" --version) $(ldd "$reference" | wc -l) $(stripped "$reference")"
} > "$bench_tmp/loader"

python3 - "$bench_tmp/instructions" "$bench_tmp/loader" "$days" "$bench_tmp/threads" "$bench_tmp/nova_calls" \
  "$bench_tmp/parts" "$bench_tmp/faults" "$bench_tmp"/result-*.json <<'PY'
import json, statistics, sys
times = {}
days = int(sys.argv[3])
threads = [int(l) for l in open(sys.argv[4])]
nova_calls = [l.split() for l in open(sys.argv[5])]
parts = {k: int(v) for k, v in (l.split() for l in open(sys.argv[6]))}
faults = [int(x) for x in open(sys.argv[7]).read().split()]
for f in sys.argv[8:]:
    for x in json.load(open(f))["results"]:
        times.setdefault(x["command"], []).extend(x["times"])
ins = {k: int(v) for k, v in (l.split() for l in open(sys.argv[1]))}
med = {k: statistics.median(v) * 1000 for k, v in times.items()}
for k in med:
    print(f"{k:10s} median {med[k]:6.2f} ms ({len(times[k])} runs)   {ins[k] / 1e6:6.2f} M instructions")
def ratio(a, b, target):
    print(f"{a} / {b}: {med[a] / med[b]:.2f} by time ({med[a] - med[b]:+.2f} ms), "
          f"{ins[a] / ins[b]:.2f} by instructions ({(ins[a] - ins[b]) / 1e6:+.2f} M)   ({target})")
ratio("moon", "version", "warm, the sky kept: target: within 1 ms")
ratio("moon_cold", "version_env", "cold, computed: target: within 1 ms")
print(f"moon_cold by thread: main {threads[0] / 1e6:.2f} M ({(threads[0] - ins['version_env']) / 1e6:+.2f} M "
      f"over --version), others: " + (", ".join(f"{t / 1e6:.2f} M" for t in threads[1:]) or "none"))
print("moon_cold's libnova and ERFA calls: " + ", ".join(f"{f} {n}" for f, n in nova_calls))
def m(name):
    return f"{parts.get(name, 0) / 1e6:.2f} M"
print(f"moon_cold's parts: zone: dlopen {m('dlopen')}, CCTZ's load {m('cctz_load')} "
      f"(its transitions' civil times {m('cctz_local_time')}); ERFA: eraMoon98 {m('moon98')}, "
      f"eraPlan94 {m('plan94')}, eraPnm00b {m('pnm00b')}")
print(f"minor page faults: --version {faults[0]}, moon_cold {faults[1]} ({faults[1] - faults[0]:+d})")
ratio("text", "version", "target: within 1 ms")
ratio("text", "temp", "the Sky line's cost")
print(f"forecast --json over the text forecast, per day shown ({days}): "
      f"{(med['forecast_json'] - med['forecast_text']) / days:+.2f} ms, "
      f"{(ins['forecast_json'] - ins['forecast_text']) / days / 1e6:+.2f} M instructions")
loader = {l.split()[0]: list(map(int, l.split()[1:])) for l in open(sys.argv[2])}
rel, libs, size = loader["loader_version"]
print(f"tenki --version: {rel} relocations, {libs} libraries (ldd), stripped {size / 1e6:.2f} MB")
if "reference" in med:
    ratio("version", "reference", "target: no slower")
    rel, libs, size = loader["loader_reference"]
    print(f"reference --version: {rel} relocations, {libs} libraries (ldd), stripped {size / 1e6:.2f} MB")
PY
