#!/usr/bin/env bash
# What the offline city table costs, in one run:
#   a city name resolved (exact, with a region/country, misspelt with its "did you mean",
#   ambiguous), beside a US ZIP lookup           (target: well under 1 ms)
#   tenki --version, this build against a reference build without the table, and its size
#                                                 (targets: under 5 ms; at most 5 MB more)
# Wall-clock medians from hyperfine; instruction counts from callgrind (repeatable on a shared,
# noisy machine) beside them.
# Usage: bench/places.sh REFERENCE_TENKI [path/to/tenki]
#   REFERENCE_TENKI: a tenki built before the table (e.g. from commit bc2ece8).
#   (needs hyperfine, valgrind: scripts/install-deps.sh; builds the places_bench target)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
reference=${1:?usage: bench/places.sh REFERENCE_TENKI [path/to/tenki]}
tenki=${2:-$here/../build/tenki}
build_dir=$(cd "$(dirname "$tenki")" && pwd)
. "$here/lib.sh"

cmake --build "$build_dir" --target places_bench >/dev/null
"$build_dir/places_bench"

hyperfine -N --warmup 20 --runs 300 --export-json "$bench_tmp/result.json" \
  -n reference "$reference --version" -n tenki "$tenki --version" >/dev/null
instructions() {  # instructions CMD...: callgrind's instruction count for one run
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $NF}'
}
ref_ins=$(instructions "$reference" --version)
new_ins=$(instructions "$tenki" --version)
stripped() { strip -o "$bench_tmp/stripped" "$1" && stat -c %s "$bench_tmp/stripped"; }

python3 - "$bench_tmp/result.json" "$ref_ins" "$new_ins" \
  "$(stripped "$reference")" "$(stripped "$tenki")" "$(stat -c %s "$reference")" "$(stat -c %s "$tenki")" <<'PY'
import json, sys
r = {x["command"]: x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
ref_ins, new_ins, ref_strip, new_strip, ref_file, new_file = map(int, sys.argv[2:8])
print(f"tenki --version: {r['tenki']:.2f} ms, reference {r['reference']:.2f} ms: "
      f"{r['tenki'] / r['reference']:.2f} x by time, {new_ins / ref_ins:.3f} x by instructions "
      f"({new_ins / 1e6:.2f} M vs {ref_ins / 1e6:.2f} M) (target < 5 ms)")
print(f"binary, stripped: {new_strip / 1e6:.2f} MB vs {ref_strip / 1e6:.2f} MB: "
      f"+{(new_strip - ref_strip) / 1e6:.2f} MB (target <= +5 MB)")
print(f"binary file as built (with debug info): {new_file / 1e6:.2f} MB vs {ref_file / 1e6:.2f} MB: "
      f"+{(new_file - ref_file) / 1e6:.2f} MB")
PY
