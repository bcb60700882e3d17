#!/usr/bin/env bash
# Instructions a cache hit of tenki serve (issue 30), by callgrind: repeatable on a shared machine,
# where wrk's requests/s follow the other builds' load. One tenki serve --threads 1 under callgrind
# against the stand-in upstream (lib.sh's nginx); each case is warmed (upstream call, rendering,
# compression), then asked N times on one keep-alive connection, a request at a time, as wrk asks
# (a Host header, and Accept-Encoding for the gzip cases); callgrind is dumped between the cases,
# each dump holding the instructions since the last: every thread's, the client's not.
# Usage: bench/serve_hit_instructions.sh [path/to/tenki] [hits per case, default 2000]
#   KEEP=PREFIX keeps each case's dump as PREFIX.CASE (for callgrind_annotate).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
tenki=${1:-$here/../build/tenki}
hits=${2:-2000}

mkdir -p "$bench_tmp/owm/data/2.5"
cp "$here/data/owm-94107.json" "$bench_tmp/owm/data/2.5/weather"
cp "$here/data/owm-94107.json" "$bench_tmp/owm/index.json"
owm_forecast_body "$bench_tmp/owm/data/2.5/forecast"
owm_port=$(free_port)
start_nginx "$owm_port" "$bench_tmp/owm"
port=$(free_port)
OWM_API_KEY=benchkey TENKI_OWM_URL="http://127.0.0.1:$owm_port" valgrind --tool=callgrind \
  --callgrind-out-file="$bench_tmp/cg.%p" "$tenki" serve -q --port "$port" --threads 1 2>"$bench_tmp/valgrind.log" &
tenki_pid=$!
bench_pids+=("$tenki_pid")
for _ in $(seq 1 600); do  # valgrind starts slowly: a minute at most
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

# ask N TARGET [HEADER]: N GETs on one keep-alive connection, each answer read whole, each a 200.
ask() {
  python3 - "$port" "$@" <<'PY'
import socket, sys
port, n, target = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
extra = "".join(h + "\r\n" for h in sys.argv[4:])
request = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}\r\n".encode()
s = socket.create_connection(("127.0.0.1", port))
data = b""
for _ in range(n):
    s.sendall(request)
    while b"\r\n\r\n" not in data:
        data += s.recv(65536)
    head, _, data = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head
    length = next(int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:"))
    while len(data) < length:
        data += s.recv(65536)
    data = data[length:]
PY
}

gz="Accept-Encoding: gzip"
v1="/api/v1/weather?postalcode=94107"
v2="/api/v2/weather?postalcode=94107"
fc="/api/v2/forecast?postalcode=94107&units=metric"
cases=(v1 "$v1" "" v1gz "$v1" "$gz" v2 "$v2" "" v2gz "$v2" "$gz" fc "$fc" "" fcgz "$fc" "$gz")
for ((i = 0; i < ${#cases[@]}; i += 3)); do
  ask 20 "${cases[i + 1]}" ${cases[i + 2]:+"${cases[i + 2]}"}
done
callgrind_control --dump=warm "$tenki_pid" >/dev/null 2>&1
for ((i = 0; i < ${#cases[@]}; i += 3)); do
  ask "$hits" "${cases[i + 1]}" ${cases[i + 2]:+"${cases[i + 2]}"}
  callgrind_control --dump="${cases[i]}" "$tenki_pid" >/dev/null 2>&1
done

echo "instructions a cache hit ($hits keep-alive hits a case, tenki serve --threads 1, callgrind):"
for dump in "$bench_tmp"/cg.*.*; do
  name=$(awk -F'dump ' '/^desc: Trigger/ {print $2}' "$dump")
  [ "$name" = warm ] && continue
  awk -v name="$name" -v n="$hits" '/^(summary|totals):/ {printf "  %-5s %7.0f\n", name, $2 / n; exit}' "$dump"
  if [ -n "${KEEP:-}" ]; then cp "$dump" "$KEEP.$name"; fi
done
