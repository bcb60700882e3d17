#!/usr/bin/env bash
# Where the wall time of a cold `tenki weather` goes, beside `curl -s` of the same upstream URL
# (issue 30's target: at most 1.1 x curl), phase by phase from the kernel's scheduler events:
#   exec -> request     from execve to the first wakeup of the upstream (nginx) by the process:
#                       loading, start-up, the place, the cache, libcurl's load, the connection
#   request -> response the upstream's turn, until it wakes the process with the answer
#   response -> exit    parsing, rendering, the cache writes, the output, exit handlers
#   exit teardown       from exit to the process's last switch (the kernel unmapping its memory)
# Each phase is the median over RUNS runs of each, the two commands alternated; tenki's cache folder
# is emptied before each of its runs. Needs perf and the sched tracepoints (root, or
# kernel.perf_event_paranoid <= -1); the machine need not have hardware counters.
# Usage: bench/weather_phases.sh [path/to/tenki] [runs, default 25]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tenki=${1:-$here/../build/tenki}
tenki=$(cd "$(dirname "$tenki")" && pwd)/$(basename "$tenki")
runs=${2:-25}
. "$here/lib.sh"
. "$here/owm_upstream.sh"
owm_observed_now
cache="$XDG_CACHE_HOME/tenki"
events=sched:sched_switch,sched:sched_wakeup,sched:sched_process_exec,sched:sched_process_exit
"$tenki" weather --no-alerts 94107 >/dev/null  # the page cache warm for both
curl -s "$url" >/dev/null
echo "$(date -u +%FT%TZ) uptime:$(uptime | sed 's/.*load average/ load average/')"
for i in $(seq 1 "$runs"); do
  rm -rf "$cache"
  perf record -q -o "$bench_tmp/tenki-$i.data" -e "$events" -a -- "$tenki" weather --no-alerts 94107 >/dev/null
  perf record -q -o "$bench_tmp/curl-$i.data" -e "$events" -a -- curl -s "$url" >/dev/null
done
for name in tenki curl; do
  for f in "$bench_tmp/$name"-*.data; do perf script -i "$f" 2>/dev/null > "$f.txt"; done
done
python3 - "$bench_tmp" <<'PY'
import glob, re, statistics, sys
line = re.compile(r'\s*(\S+)\s+(-?\d+)\s+\[\d+\]\s+([\d.]+):\s+(\S+):\s*(.*)')

def phases(path, comm):
    exec_t = request = response = exit_t = gone = pid = None
    for text in open(path):
        m = line.match(text)
        if not m:
            continue
        who, p, t, event, rest = m.groups()
        t = float(t)
        if event == "sched:sched_process_exec" and f"filename=" in rest and comm in rest.split()[0]:
            exec_t, pid = t, p
        elif pid is None:
            continue
        # Whoever runs the wakeup (the process itself, or the loopback's softirq on the other CPU):
        # the upstream's first wakeup is the request, the process's first wakeup after it the answer.
        elif event == "sched:sched_wakeup" and "comm=nginx" in rest and request is None:
            request = t
        elif event == "sched:sched_wakeup" and request is not None and f"pid={pid} " in rest + " " and response is None:
            response = t
        elif event == "sched:sched_process_exit" and p == pid and "group_dead=true" in rest:
            exit_t = t
        elif event == "sched:sched_switch" and f"prev_pid={pid} " in rest and "prev_state=Z" in rest:
            gone = t
    if None in (exec_t, request, response, exit_t, gone):
        return None
    return [request - exec_t, response - request, exit_t - response, gone - exit_t, gone - exec_t]

names = ["exec -> request", "request -> response", "response -> exit", "exit teardown", "total"]
medians = {}
for comm in ("tenki", "curl"):
    rows = [r for r in (phases(f, comm) for f in sorted(glob.glob(f"{sys.argv[1]}/{comm}-*.data.txt"))) if r]
    medians[comm] = [statistics.median(r[i] for r in rows) * 1000 for i in range(len(names))]
    medians[comm + "_n"] = len(rows)
print(f"{'phase':20s} {'tenki ms':>9s} {'curl ms':>9s} {'tenki - curl':>13s}   ({medians['tenki_n']} / {medians['curl_n']} runs, medians)")
for i, n in enumerate(names):
    t, c = medians["tenki"][i], medians["curl"][i]
    print(f"{n:20s} {t:9.3f} {c:9.3f} {t - c:+13.3f}")
print(f"tenki / curl by the median total: {medians['tenki'][4] / medians['curl'][4]:.2f}")
PY
