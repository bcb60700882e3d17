#!/usr/bin/env bash
# What issue 26's per-day `astronomy` costs the forecast, and that the outputs which do not show
# it pay nothing, in one run against a reference build from before it (callgrind's instruction
# counts, repeatable on a shared, noisy machine; a whole process each, answers from the disk cache):
#   tenki forecast 94107 --json     (pays: the sun and moon of each day shown)
#   tenki forecast 94107            (the text report: unchanged)
#   tenki weather 94107 --no-alerts (the text report: unchanged)
#   tenki weather 94107 -f {temp}   (a template without sky fields: unchanged)
#   tenki --version                 (the floor)
# The upstream is nginx on loopback with an OpenWeatherMap forecast (40 steps from now) and
# current weather, in the documented shapes.
# Usage: bench/forecast_sky.sh REFERENCE_TENKI [path/to/tenki]   (needs nginx, valgrind)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
reference=${1:?usage: bench/forecast_sky.sh REFERENCE_TENKI [path/to/tenki]}
tenki=${2:-$here/../build/tenki}
. "$here/lib.sh"

mkdir -p "$bench_tmp/www/data/2.5"
owm_forecast_body "$bench_tmp/www/data/2.5/forecast"
cp "$here/data/owm-94107.json" "$bench_tmp/www/index.json"
port=$(free_port)
start_nginx "$port" "$bench_tmp/www"
export OWM_API_KEY=benchkey-0123456789abcdef TENKI_OWM_URL="http://127.0.0.1:$port" NO_COLOR=1

count() {  # count NAME BUILD ARGS...: the instructions of one cache hit (each build its own cache)
  local name=$1 build=$2
  shift 2
  "$build" "$@" >/dev/null  # fills the cache
  printf '%-28s %8.2f M\n' "$name" "$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$build" "$@" 2>&1 >/dev/null | awk '/Collected/ {print $NF / 1e6}')"
}
n=0
for build in "$reference" "$tenki"; do
  n=$((n + 1))
  export XDG_CACHE_HOME="$bench_tmp/cache-$n" HOME="$bench_tmp" XDG_CONFIG_HOME="$bench_tmp/config"
  echo "== $build"
  count "forecast --json" "$build" forecast 94107 --json
  count "forecast (text)" "$build" forecast 94107
  count "weather --no-alerts (text)" "$build" weather 94107 --no-alerts
  count "weather -f {temp}" "$build" weather 94107 --no-alerts -f '{temp}'
  count "--version" "$build" --version
done
days=$("$tenki" forecast 94107 --json |
  python3 -c 'import json, sys; print(len(json.load(sys.stdin)["daily"]))')
echo "forecast --json shows $days days"
