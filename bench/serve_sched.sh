#!/usr/bin/env bash
# Where the time of a wrk run goes, by the scheduler's tracepoints (issue 30): why tenki's cache
# hits trail at 64 connections while its CPU per request is at or below h2o's. For the minimal
# epoll responder (bench/epoll_responder.cpp), h2o (num-threads: 2) and tenki serve --threads 2,
# each answering the 463-byte v1 body: wrk -t1 runs $duration s, and `perf sched record` takes the
# middle two seconds. Prints, per server: requests/s; per CPU, the share of the window each task
# ran (wrk, each server thread, others) and its idle share; per task, how often it was switched
# in per request, its run time per request and its scheduling delay (runnable, not running) per
# request; and how the server's event loops share the connections (the descriptors each epoll
# set watches, from /proc/PID/fdinfo, a second into the run: the connections plus each loop's
# own listener, wake-up and timer descriptors). Counts per request show the mechanism on a
# shared machine too; the shares are only meaningful when nothing else runs (see uptime,
# printed first and last).
# Needs root (perf's sched tracepoints), perf, wrk, h2o and nginx (lib.sh's stand-in upstream).
# Usage: bench/serve_sched.sh [path/to/tenki] [connections, default 64] [seconds per run, default 4]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tenki=${1:-$here/../build/tenki}
tenki=$(cd "$(dirname "$tenki")" && pwd)/$(basename "$tenki")
conns=${2:-64}
duration=${3:-4}
if ! [[ $duration =~ ^[0-9]+$ ]] || [ "$duration" -lt 4 ]; then
  echo "serve_sched: seconds per run must be a whole number, 4 or more (perf records the middle 2 s of it), not '$duration'" >&2
  exit 2
fi
. "$here/lib.sh"
threads=2
path="/api/v1/weather?postalcode=94107"

c++ -O2 -std=c++20 -pthread -o "$bench_tmp/epoll_responder" "$here/epoll_responder.cpp"
serve_on_stand_in "$here/data/owm-94107.json"
body="$bench_tmp/static/api/v1/weather"
mkdir -p "$(dirname "$body")"
curl -sf "http://127.0.0.1:$tenki_port$path" > "$body"  # warms tenki's cache too

responder_port=$(free_port)
"$bench_tmp/epoll_responder" "$responder_port" "$threads" "$body" &
responder_pid=$!
bench_pids+=("$responder_pid")
start_h2o "$bench_tmp/static"
wait_port "$responder_port"

# epoll_sets PID: how many descriptors each of PID's epoll sets watches.
epoll_sets() {
  local fd sets=""
  for fd in /proc/"$1"/fd/*; do
    [ "$(readlink "$fd")" = "anon_inode:[eventpoll]" ] || continue
    sets="$sets $(grep -c '^tfd' "/proc/$1/fdinfo/${fd##*/}")"
  done
  echo "$sets"
}

echo "$(date -u +%FT%TZ) uptime:$(uptime | sed 's/.*load average/ load average/')"
echo "wrk -t1 -c$conns, ${duration}s a run, perf sched record over the middle 2 s; $threads server threads"
for server in responder h2o tenki; do
  port_var=${server}_port pid_var=${server}_pid
  wrk -t1 -c"$conns" -d"${duration}s" "http://127.0.0.1:${!port_var}$path" > "$bench_tmp/$server.wrk" &
  wrk_pid=$!
  sleep 1
  echo "$server: descriptors each epoll set watches: $(epoll_sets "${!pid_var}")"
  sleep $(((duration - 2) / 2 - 1))
  perf sched record -q -o "$bench_tmp/$server.data" -- sleep 2 >/dev/null 2>&1
  wait "$wrk_pid"
  rps=$(awk '/Requests\/sec/ {print $2}' "$bench_tmp/$server.wrk")
  perf sched timehist -i "$bench_tmp/$server.data" 2>/dev/null |
    awk -v server="$server" -v rps="$rps" -v pid="${!pid_var}" -v wrk="$wrk_pid" -f "$here/sched_shares.awk"
done
echo "$(date -u +%FT%TZ) uptime:$(uptime | sed 's/.*load average/ load average/')"
