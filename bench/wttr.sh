#!/usr/bin/env bash
# tenki serve's wttr.in routes on a cache hit (issue 28): /94107?format=3, /94107?format=j1 and
# the terminal view (/94107 asked with curl's User-Agent) against /api/v2/weather?postalcode=94107,
# in the same run, with wrk on loopback at 64 keep-alive connections. Target: each >= 0.9 x v2's
# requests/s. j2 (1.7 KB) is v2's size class; j1 (20 KB, compact) is also set against v2's largest
# document, the forecast of 5 days and 48 hours (9 KB), the nearest body size class v2 has. The upstream stand-in is nginx answering
# OpenWeatherMap's weather and 5 day / 3 hour forecast (bench/lib.sh's) by path.
# Each route is run twice: identity, then with "Accept-Encoding: gzip" (as Python's requests
# sends; the terminal view's gzip run asks /94107?A, wrk taking one header here). The ceiling:
# bench/epoll_responder.cpp (epoll, fixed bytes, no parsing) serving v2's body and then j1's, each
# as tenki sent it (identity, then gzip), in the same run: its j1/v2 ratio is what any server
# could reach for these bytes on this machine. TENKI_BENCH_ROUNDS rounds (default 3) of it all.
# Usage: bench/wttr.sh [path/to/tenki] [seconds per run, default 10]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
bench_args 10 "$@"  # tenki, duration, threads

mkdir -p "$bench_tmp/owm/data/2.5"
cp "$here/data/owm-94107.json" "$bench_tmp/owm/data/2.5/weather"
owm_forecast_body "$bench_tmp/owm/data/2.5/forecast"
serve_on_stand_in "$here/data/owm-94107.json"
v2="/api/v2/weather?postalcode=94107"
format3="/94107?format=3"
j1="/94107?format=j1"
terminal="/94107"
fc="/api/v2/forecast?postalcode=94107&days=5&hours=48"
j2="/94107?format=j2"
curl_agent="User-Agent: curl/8.5.0"
for path in "$v2" "$format3" "$j1" "$fc" "$j2"; do
  curl -sf "http://127.0.0.1:$tenki_port$path" > /dev/null  # warms the caches
done
echo "$threads threads; ${duration}s per run; format=3: $(curl -sf "http://127.0.0.1:$tenki_port$format3")"
curl -sf -H "$curl_agent" "http://127.0.0.1:$tenki_port$terminal" > /dev/null
echo "bodies: v2 $(curl -sf "http://127.0.0.1:$tenki_port$v2" | wc -c) bytes, j1 $(curl -sf "http://127.0.0.1:$tenki_port$j1" | wc -c) bytes, j2 $(curl -sf "http://127.0.0.1:$tenki_port$j2" | wc -c) bytes, v2 forecast $(curl -sf "http://127.0.0.1:$tenki_port$fc" | wc -c) bytes, terminal $(curl -sf -H "$curl_agent" "http://127.0.0.1:$tenki_port$terminal" | wc -c) bytes"
c=64
rounds=${TENKI_BENCH_ROUNDS:-3}
# measure NAME PID URL: run_wrk, and the server's CPU (user + system, from /proc/PID/stat) per
# request in microseconds into $bench_tmp/cpu-NAME: the server's own cost, which the machine's
# load moves far less than requests/s.
measure() {
  local before after
  before=$(awk '{print $14 + $15}' "/proc/$2/stat")
  run_wrk "$1" "$c" "$3"
  after=$(awk '{print $14 + $15}' "/proc/$2/stat")
  python3 -c "import os, sys; t, a, b, r = float(os.sysconf('SC_CLK_TCK')), *map(float, sys.argv[1:4]); print(f'{(b - a) / t / (r * $duration) * 1e6:.2f}')" \
    "$before" "$after" "$(cat "$bench_tmp/rps-$1-$c")" > "$bench_tmp/cpu-$1"
}

# The ceiling: the responder serving v2's and j1's bytes as tenki sends them, one a port.
c++ -O2 -std=c++20 -pthread -o "$bench_tmp/epoll_responder" "$here/epoll_responder.cpp"
declare -A responder_port responder_pid
for coding in identity gzip; do
  for name in v2 j1; do
    path=$v2
    [ "$name" = j1 ] && path=$j1
    body="$bench_tmp/body-$name-$coding"
    curl -sf -H "Accept-Encoding: $coding" "http://127.0.0.1:$tenki_port$path" > "$body"
    encoding=()
    [ "$coding" = gzip ] && encoding=(gzip)
    port=$(free_port)
    "$bench_tmp/epoll_responder" "$port" "$threads" "$body" "${encoding[@]}" &
    bench_pids+=($!)
    responder_pid[$name-$coding]=$!
    wait_port "$port"
    responder_port[$name-$coding]=$port
  done
  echo "bodies ($coding): v2 $(wc -c < "$bench_tmp/body-v2-$coding") bytes, j1 $(wc -c < "$bench_tmp/body-j1-$coding") bytes"
done

# Rounds of every run, each route beside v2 in every round: the machine's load moves between
# runs, so each ratio below is the median of its rounds' ratios.
for r in $(seq 1 "$rounds"); do
  echo "round $r of $rounds (load average $(cut -d' ' -f1 /proc/loadavg))"
  for coding in identity gzip; do
    export WRK_HEADER="Accept-Encoding: $coding"
    measure "v2-$coding.$r" "$tenki_pid" "http://127.0.0.1:$tenki_port$v2"
    measure "format3-$coding.$r" "$tenki_pid" "http://127.0.0.1:$tenki_port$format3"
    measure "j1-$coding.$r" "$tenki_pid" "http://127.0.0.1:$tenki_port$j1"
    if [ "$coding" = identity ]; then
      WRK_HEADER="$curl_agent" measure "term-$coding.$r" "$tenki_pid" "http://127.0.0.1:$tenki_port$terminal"
    else
      measure "term-$coding.$r" "$tenki_pid" "http://127.0.0.1:$tenki_port$terminal?A"
    fi
    measure "j2-$coding.$r" "$tenki_pid" "http://127.0.0.1:$tenki_port$j2"
    measure "fc-$coding.$r" "$tenki_pid" "http://127.0.0.1:$tenki_port$fc"
    unset WRK_HEADER
    measure "resp-v2-$coding.$r" "${responder_pid[v2-$coding]}" "http://127.0.0.1:${responder_port[v2-$coding]}/"
    measure "resp-j1-$coding.$r" "${responder_pid[j1-$coding]}" "http://127.0.0.1:${responder_port[j1-$coding]}/"
  done
done
python3 - "$bench_tmp" "$c" "$rounds" <<'PY'
import statistics, sys
tmp, c, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
def rps(name, r):
    return float(open(f"{tmp}/rps-{name}.{r}-{c}").read())
def cpu(name, r):
    return float(open(f"{tmp}/cpu-{name}.{r}").read())
def ratio(name, ref, note):
    each = [rps(name, r) / rps(ref, r) for r in range(1, rounds + 1)]
    print(f"ratio {name}/{ref} at c={c}: {statistics.median(each):.2f} "
          f"(rounds {' '.join(f'{x:.2f}' for x in each)}; {note})")
for coding in ("identity", "gzip"):
    print(f"{coding}: median req/s " + ", ".join(
        f"{n} {statistics.median(rps(f'{n}-{coding}', r) for r in range(1, rounds + 1)):.0f}"
        for n in ("v2", "format3", "j1", "j2", "term", "fc", "resp-v2", "resp-j1")))
    for name in ("format3", "j1", "j2", "term"):
        ratio(f"{name}-{coding}", f"v2-{coding}", "target >= 0.9")
    ratio(f"j1-{coding}", f"fc-{coding}", "v2's forecast, the nearest size class")
    ratio(f"resp-j1-{coding}", f"resp-v2-{coding}", "the responder: the ceiling for these bytes")
    print(f"{coding}: the server's CPU a request, median, microseconds: " + ", ".join(
        f"{n} {statistics.median(cpu(f'{n}-{coding}', r) for r in range(1, rounds + 1)):.2f}"
        for n in ("v2", "format3", "j1", "j2", "term", "fc", "resp-v2", "resp-j1")))
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
