#!/usr/bin/env bash
# Soak: tenki serve at a steady rate for SOAK_SECONDS (default 600) with a mix of cache hits,
# misses (many distinct real ZIP codes), bad requests and upstream faults (nginx as a stand-in
# OpenWeatherMap, some ZIP codes answered 500 or 404). Reports unexpected answers (expected: none),
# and tenki's RSS and open descriptors at start and end; exits 1 if RSS grows past 20% + 5 MB,
# descriptors grow, or any answer is unexpected.
# Usage: bench/soak.sh [path/to/tenki]    Env: SOAK_SECONDS, SOAK_RATE (requests/s, default 100)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tenki=${1:-$here/../build/tenki}
tenki=$(cd "$(dirname "$tenki")" && pwd)/$(basename "$tenki")
seconds=${SOAK_SECONDS:-600}
rate=${SOAK_RATE:-100}
. "$here/lib.sh"

# The upstream: the recorded San Francisco body for any ZIP code, except the faulty ones. Without
# its coordinates: tenki refuses an answer whose point is far from the ZIP code's own
# (providers/answered_place.hpp), and one body stands in for codes all over the country.
mkdir -p "$bench_tmp/owm"
cat > "$bench_tmp/owm/index.json" <<'JSON'
{"weather":[{"id":801,"main":"Clouds","description":"few clouds","icon":"02d"}],"base":"stations","main":{"temp":289.15,"feels_like":288.6,"temp_min":287.04,"temp_max":291.48,"pressure":1016,"humidity":72,"sea_level":1016,"grnd_level":1012},"visibility":10000,"wind":{"speed":5.66,"deg":270,"gust":8.23},"clouds":{"all":20},"dt":1764000000,"sys":{"type":2,"id":2017837,"country":"US","sunrise":1763995000,"sunset":1764031000},"timezone":-28800,"id":0,"name":"San Francisco","cod":200}
JSON
owm_port=$(free_port)
NGINX_LOCATIONS='location = /data/2.5/weather {
      if ($arg_zip ~ "^10001") { return 500; }
      if ($arg_zip ~ "^60601") { return 404 "{\"cod\":\"404\",\"message\":\"city not found\"}"; }
      try_files /index.json =404;
    }' start_nginx "$owm_port" "$bench_tmp/owm"

# Misses: a few thousand real ZIP codes from tenki's own table, each asked once a cycle.
python3 - "$here/../core/src/places/zipdb/zipdb_data.inc" > "$bench_tmp/zips" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
block = text[text.index("k_zip_codes[] ="):]
codes = "".join(re.findall(r'"([0-9]+)"', block[: block.index(";")]))
zips = [codes[i:i + 5] for i in range(0, len(codes), 5)]
print("\n".join(zips[:: max(1, len(zips) // 3000)]))
PY
mapfile -t zips < "$bench_tmp/zips"

tenki_port=$(free_port)
# The upstream budget well above the soak's own rate, and no per-client share (the soak is one
# client): the soak measures steady serving, and its misses must reach the fake upstream (the
# budget's refusals have their own tests).
OWM_API_KEY=soak-key TENKI_OWM_URL="http://127.0.0.1:$owm_port" \
  "$tenki" serve -q --port "$tenki_port" --threads 2 --cache-ttl 5 --stale-ttl 60 --upstream-rate 6000/min \
  --client-rate off &
tenki_pid=$!
bench_pids+=("$tenki_pid")
wait_port "$tenki_port"
base="http://127.0.0.1:$tenki_port"

rss() { awk '/VmRSS/ {print $2}' "/proc/$tenki_pid/status"; }
fds() { ls "/proc/$tenki_pid/fd" | wc -l; }

# One batch: 50 requests on one curl (keep-alive), each line "STATUS KIND".
batch=50
next_zip=0
run_batch() {
  local args=() kinds=() i
  for ((i = 0; i < batch; i++)); do
    local kind path
    case $((i % 10)) in
      0 | 1 | 2 | 3) kind=hit path="/api/v1/weather?postalcode=94107" ;;
      4 | 5) kind=miss path="/api/v2/weather?postalcode=${zips[next_zip]}"
             next_zip=$(((next_zip + 1) % ${#zips[@]})) ;;
      6) kind=bad path=$(printf '%s\n' "/api/v1/weather?postalcode=12%25" "/api/v1/weather?postalcode=%0d%0a" \
                           "/api/v3/nowhere" "/api/v2/weather?postalcode=94107&units=kelvinish" | shuf -n1) ;;
      7) kind=fault500 path="/api/v1/weather?postalcode=10001" ;;
      8) kind=fault404 path="/api/v1/weather?postalcode=60601" ;;
      9) kind=meta path=$(printf '%s\n' / /healthz /metrics | shuf -n1) ;;
    esac
    args+=(-o /dev/null "$base$path")
    kinds+=("$kind")
  done
  curl -s --max-time 10 -w '%{http_code}\n' "${args[@]}" | paste -d' ' - <(printf '%s\n' "${kinds[@]}") || true
}

# What each kind may answer: the deliberate failures included, nothing else.
expected() {
  case "$2" in
    hit | miss | meta) [ "$1" = 200 ] ;;
    bad) [ "$1" = 400 ] || [ "$1" = 404 ] ;;
    fault500) [ "$1" = 502 ] || [ "$1" = 200 ] ;;  # 200 only when stale
    fault404) [ "$1" = 404 ] ;;
  esac
}

run_batch > /dev/null  # warm up: the first allocations are not a leak
sleep 1
rss_start=$(rss) fds_start=$(fds)
echo "soak: ${seconds}s at ~${rate} req/s against pid $tenki_pid; RSS ${rss_start} kB, ${fds_start} fds at start"

total=0 unexpected=0
declare -A by_kind=()
end=$(($(date +%s) + seconds))
interval_ms=$((batch * 1000 / rate))
while [ "$(date +%s)" -lt "$end" ]; do
  started=$(date +%s%3N)
  while read -r status kind; do
    total=$((total + 1))
    by_kind[$kind]=$((${by_kind[$kind]:-0} + 1))
    if ! expected "$status" "$kind"; then
      unexpected=$((unexpected + 1))
      [ "$unexpected" -le 10 ] && echo "soak: unexpected $status for a $kind request" >&2
    fi
  done < <(run_batch)
  kill -0 "$tenki_pid" 2>/dev/null || { echo "soak: tenki serve died" >&2; exit 1; }
  left=$((interval_ms - ($(date +%s%3N) - started)))
  [ "$left" -gt 0 ] && sleep "$(printf '0.%03d' "$left")"
done

sleep 3  # lingering closes finish
rss_end=$(rss) fds_end=$(fds)
mix=$(for k in "${!by_kind[@]}"; do printf '%s=%s ' "$k" "${by_kind[$k]}"; done)
echo "soak: $total requests ($mix), $unexpected unexpected"
echo "soak: RSS ${rss_start} kB -> ${rss_end} kB; fds ${fds_start} -> ${fds_end}"
echo "soak: upstream calls $(curl -s "$base/metrics" | awk '$1 == "tenki_upstream_requests_total" {print $2}')"
status=0
if [ "$rss_end" -gt $((rss_start * 120 / 100 + 5120)) ]; then
  echo "soak: FAIL: RSS grew beyond 20% + 5 MB" >&2
  status=1
fi
if [ "$fds_end" -gt "$fds_start" ]; then
  echo "soak: FAIL: open descriptors grew" >&2
  status=1
fi
if [ "$unexpected" -gt 0 ]; then
  echo "soak: FAIL: $unexpected unexpected answers" >&2
  status=1
fi
[ "$status" -eq 0 ] && echo "soak: OK"
exit "$status"
