#!/usr/bin/env bash
# tenki serve's cache hits against the static servers and the ceiling, in one run (issue 30):
#   responder  bench/epoll_responder.cpp: epoll, fixed bytes, no parsing (the ceiling)
#   h2o        Debian's h2o, the same bytes as a static file, num-threads: 2
#   nginx      the same bytes as a static file, 2 workers
#   tenki      tenki serve --threads 2, cache hits
# for v1 and v2 of the weather (the recorded 94107 answer) and the forecast (~4 KB), identity and
# gzip (each static server sends tenki's own gzip bytes, as a pre-compressed file). Each server
# gets the same bytes and two threads; wrk runs one thread, $duration s a run, at 64 and 256
# keep-alive connections, the servers interleaved in each of $rounds rounds. Prints the medians:
# requests/s, p99 and the ratio to the responder's requests/s in the same run, and each server's
# CPU time per request (its processes' user + system time over the run, /proc/PID/stat, divided
# by the requests wrk counted): on a shared machine the throughput follows the others' load,
# the CPU a request costs much less so.
# Targets: tenki >= 0.9 x responder and ahead of h2o at both counts; p99 <= 1.5 x responder's.
# Usage: bench/serve_vs_static.sh [path/to/tenki] [seconds per run, default 4] [rounds, default 3]
#   BENCH_CASES="v1 v1gz v2 v2gz fc fcgz" (the default) picks the cases.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tenki=${1:-$here/../build/tenki}
tenki=$(cd "$(dirname "$tenki")" && pwd)/$(basename "$tenki")
duration=${2:-4}
rounds=${3:-3}
cases=${BENCH_CASES:-v1 v1gz v2 v2gz fc fcgz}
. "$here/lib.sh"
threads=2
gz="Accept-Encoding: gzip"

c++ -O2 -std=c++20 -pthread -o "$bench_tmp/epoll_responder" "$here/epoll_responder.cpp"

# A stand-in OpenWeatherMap (lib.sh): nginx answering the recorded weather, and a forecast of now
# at the forecast's path.
mkdir -p "$bench_tmp/owm/data/2.5"
cp "$here/data/owm-94107.json" "$bench_tmp/owm/data/2.5/weather"
owm_forecast_body "$bench_tmp/owm/data/2.5/forecast"
serve_on_stand_in "$here/data/owm-94107.json"

case_path() {
  case $1 in
    v1*) echo "/api/v1/weather?postalcode=94107" ;;
    v2*) echo "/api/v2/weather?postalcode=94107" ;;
    fc*) echo "/api/v2/forecast?postalcode=94107&units=metric" ;;
  esac
}
# The static tree: each case's path (without its query) holds tenki's body, and PATH.gz its gzip
# form; h2o and nginx find the .gz beside the file when the request accepts gzip.
for c in $cases; do
  path=$(case_path "$c")
  file="$bench_tmp/static${path%%\?*}"
  mkdir -p "$(dirname "$file")"
  curl -sf "http://127.0.0.1:$tenki_port$path" > "$file"  # warms tenki's cache too
  curl -sf -H "$gz" "http://127.0.0.1:$tenki_port$path" > "$file.gz"
  gunzip -c "$file.gz" | cmp -s - "$file" || { echo "$c: tenki's gzip is not its body" >&2; exit 1; }
done

nginx_port=$(free_port)
NGINX_LOCATIONS="gzip_static on;" NGINX_WORKERS=$threads start_nginx "$nginx_port" "$bench_tmp/static"
nginx_pid=${bench_pids[-1]}
start_h2o "$bench_tmp/static"

# cpu_ticks PID: clock ticks of user and system time of PID and its child processes (nginx's
# workers), threads included.
cpu_ticks() {
  local t=0 p
  for p in "$1" $(pgrep -P "$1" || true); do
    t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$t"
}

# bench_one CASE SERVER PORT CONNECTIONS ROUND PID: one wrk run; appends a row to $bench_tmp/rows.
bench_one() {
  local out header=() path before after
  path=$(case_path "$1")
  [[ $1 == *gz ]] && header=(-H "$gz")
  before=$(cpu_ticks "$6")
  out=$(wrk -t1 -c"$4" -d"${duration}s" --latency "${header[@]}" "http://127.0.0.1:$3$path")
  after=$(cpu_ticks "$6")
  echo "$1 $2 $4 $5 $(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1 == "99%" {print $2}' <<<"$out")" \
    "$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {split($0, a, /[ ,]+/); n += a[5] + a[7] + a[9] + a[11]} END {print n + 0}' <<<"$out")" \
    "$(awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '/requests in/ {print ticks / hz * 1e6 / $1}' <<<"$out")" \
    >> "$bench_tmp/rows"
}

echo "$(date -u +%FT%TZ) uptime:$(uptime | sed 's/.*load average/ load average/')"
echo "$threads threads each, wrk -t1, ${duration}s a run, $rounds rounds; cases: $cases"
for c in $cases; do
  file="$bench_tmp/static$(case_path "$c" | sed 's/?.*//')"
  body="$file" encoding=""
  [[ $c == *gz ]] && body="$file.gz" encoding=gzip
  responder_port=$(free_port)
  "$bench_tmp/epoll_responder" "$responder_port" "$threads" "$body" $encoding &
  responder_pid=$!
  wait_port "$responder_port"
  # Every server answers this case with the same bytes.
  for p in "$responder_port" "$h2o_port" "$nginx_port" "$tenki_port"; do
    h=(); [ -n "$encoding" ] && h=(-H "$gz")
    curl -sf "${h[@]}" "http://127.0.0.1:$p$(case_path "$c")" | cmp -s - "$body" ||
      { echo "$c: port $p answers other bytes" >&2; exit 1; }
  done
  echo "$c: $(wc -c < "$body") bytes"
  for r in $(seq 1 "$rounds"); do
    for conns in 64 256; do
      bench_one "$c" responder "$responder_port" "$conns" "$r" "$responder_pid"
      bench_one "$c" h2o "$h2o_port" "$conns" "$r" "$h2o_pid"
      bench_one "$c" nginx "$nginx_port" "$conns" "$r" "$nginx_pid"
      bench_one "$c" tenki "$tenki_port" "$conns" "$r" "$tenki_pid"
    done
  done
  kill "$responder_pid"
done
echo "$(date -u +%FT%TZ) uptime:$(uptime | sed 's/.*load average/ load average/')"

python3 - "$bench_tmp/rows" <<'PY'
import statistics, sys
from collections import defaultdict
def ms(s):
    for unit, f in (("us", 1e-3), ("ms", 1.0), ("s", 1e3)):
        if s.endswith(unit):
            return float(s[: -len(unit)]) * f
    return float(s)
rows = defaultdict(list)
errors = defaultdict(int)
for line in open(sys.argv[1]):
    case, server, conns, _, rps, p99, err, cpu = line.split()
    rows[case, server, int(conns)].append((float(rps), ms(p99), float(cpu)))
    errors[case, server, int(conns)] += int(err)
cases = list(dict.fromkeys(k[0] for k in rows))
print(f"{'case':6s} {'server':10s} {'conns':>5s} {'req/s':>9s} {'p99 ms':>7s} {'x resp':>6s} {'p99 x':>6s}"
      f" {'cpu us/req':>10s} {'cpu x':>6s} errors")
for case in cases:
    for conns in (64, 256):
        med = {s: tuple(statistics.median(r[i] for r in rows[case, s, conns]) for i in range(3))
               for s in ("responder", "h2o", "nginx", "tenki")}
        ref = med["responder"]
        for s, (rps, p99, cpu) in med.items():
            print(f"{case:6s} {s:10s} {conns:5d} {rps:9.0f} {p99:7.2f} {rps / ref[0]:6.2f} {p99 / ref[1]:6.2f}"
                  f" {cpu:10.2f} {cpu / ref[2]:6.2f} {errors[case, s, conns]}")
        t, h = med["tenki"], med["h2o"]
        ok = t[0] >= 0.9 * ref[0] and t[0] > h[0] and t[1] <= 1.5 * ref[1]
        print(f"{case:6s} tenki at c={conns}: {'meets' if ok else 'MISSES'} the target"
              f" (>= 0.9 x responder, ahead of h2o, p99 <= 1.5 x responder's)")
PY
