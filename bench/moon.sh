#!/usr/bin/env bash
# What `tenki moon` costs, in one run (wall-clock medians from hyperfine, instruction counts from
# callgrind, repeatable on a shared, noisy machine):
#   tenki moon PLACE --date D, whole process, against tenki --version of the same build
#                                   (target: within 1 ms of it)
#   tenki --version, this build against a reference build from before astronomy, the dynamic
#   loader's work for each (LD_DEBUG=statistics), and the stripped sizes
#                                   (target: --version no slower than the reference)
# Usage: bench/moon.sh REFERENCE_TENKI [path/to/tenki]
#   REFERENCE_TENKI: a tenki built before libnova and date were linked (e.g. from commit 0b8331a).
#   (needs hyperfine, valgrind: scripts/install-deps.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
reference=${1:?usage: bench/moon.sh REFERENCE_TENKI [path/to/tenki]}
tenki=${2:-$here/../build/tenki}
. "$here/lib.sh"

export HOME="$bench_tmp" XDG_CONFIG_HOME="$bench_tmp/config"  # no config file of the user's
moon_paris=("$tenki" moon Paris --date 2026-12-12)
moon_tromso=("$tenki" moon Tromsø --date 2026-03-29)  # near the pole: the moon's hourly scan
hyperfine -N --warmup 20 --runs 200 --export-json "$bench_tmp/result.json" \
  -n reference "$reference --version" -n version "$tenki --version" \
  -n moon "${moon_paris[*]}" -n moon_polar "$tenki moon Tromsø --date 2026-03-29" >/dev/null
instructions() {  # instructions CMD...: callgrind's instruction count for one run
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $NF}'
}
loader() {  # loader CMD...: the dynamic loader's relocations and objects, as LD_DEBUG counts them
  LD_DEBUG=statistics "$@" 2>&1 >/dev/null | awk '/final number of relocations:/ {r=$NF} /number of relocations from cache/ {c=$NF} END {print r+0}'
}
stripped() { strip -o "$bench_tmp/stripped" "$1" && stat -c %s "$bench_tmp/stripped"; }

python3 - "$bench_tmp/result.json" \
  "$(instructions "$reference" --version)" "$(instructions "$tenki" --version)" \
  "$(instructions "${moon_paris[@]}")" "$(instructions "${moon_tromso[@]}")" \
  "$(loader "$reference" --version)" "$(loader "$tenki" --version)" \
  "$(ldd "$reference" | wc -l)" "$(ldd "$tenki" | wc -l)" \
  "$(stripped "$reference")" "$(stripped "$tenki")" <<'PY'
import json, sys
r = {x["command"]: x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
ref_ins, ver_ins, moon_ins, polar_ins, ref_rel, new_rel, ref_libs, new_libs, ref_size, new_size = map(int, sys.argv[2:12])
print(f"tenki moon Paris: {r['moon']:.2f} ms, tenki --version {r['version']:.2f} ms: "
      f"+{r['moon'] - r['version']:.2f} ms ({moon_ins / 1e6:.2f} M vs {ver_ins / 1e6:.2f} M instructions) "
      f"(target: within 1 ms)")
print(f"tenki moon Tromsø (polar scan): {r['moon_polar']:.2f} ms ({polar_ins / 1e6:.2f} M instructions)")
print(f"tenki --version: {r['version']:.2f} ms, reference {r['reference']:.2f} ms: "
      f"{r['version'] / r['reference']:.2f} x by time, {ver_ins / ref_ins:.3f} x by instructions "
      f"({ver_ins / 1e6:.2f} M vs {ref_ins / 1e6:.2f} M) (target: no slower)")
print(f"dynamic loader: {new_rel} relocations, {new_libs} libraries vs {ref_rel}, {ref_libs} (ldd lines)")
print(f"binary, stripped: {new_size / 1e6:.2f} MB vs {ref_size / 1e6:.2f} MB: +{(new_size - ref_size) / 1e6:.2f} MB")
PY
