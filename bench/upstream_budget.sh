#!/usr/bin/env bash
# One client asks 200 cold ZIP codes in a burst (50 at once); a second client asks 10 other cold
# codes right after it starts. Counts the upstream calls (at a local stand-in for OpenWeatherMap)
# and what each client got, for: one instance with the budget off (the reference), one instance
# with its default (the provider's published 60/min), and two instances behind
# deploy/nginx/tenki.conf sharing Redis (one budget for both). The clients use their own source
# addresses (127.0.0.2, 127.0.0.3).
#   bench/upstream_budget.sh [build/tenki] [codes]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

TENKI=${1:-build/tenki}
CODES=${2:-200}

OWM_PORT=$(free_port)
# The stand-in's one body has no coordinates: it stands in for codes all over the country, and
# tenki refuses an answer whose point is far from a ZIP code's own (providers/answered_place.hpp).
cat > "$bench_tmp/owm.py" <<'PY'
import http.server, re, sys, threading
calls, lock = 0, threading.Lock()
BODY = ('{"weather":[{"id":800,"main":"Clear","description":"clear sky",'
        '"icon":"01d"}],"main":{"temp":293.15,"feels_like":292.5,"temp_min":291.0,"temp_max":295.0,'
        '"pressure":1015,"humidity":40},"visibility":10000,"wind":{"speed":3.6,"deg":200},"clouds":{"all":0},'
        '"dt":1700000000,"sys":{"country":"US","sunrise":1699960000,"sunset":1699996000},"timezone":-18000,'
        '"id":0,"name":"Place","cod":200}').encode()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        global calls
        if self.path == "/count":
            body = str(calls).encode()
        elif self.path == "/reset":
            with lock: calls = 0
            body = b"0"
        else:
            with lock: calls += 1
            body = BODY
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
python3 "$bench_tmp/owm.py" "$OWM_PORT" & bench_pids+=($!)
wait_port "$OWM_PORT"

# Real ZIP codes from tenki's own table (unknown ones are refused before any call).
python3 - "$CODES" > "$bench_tmp/all_codes" <<'PY'
import re, sys
text = open("core/src/places/zipdb/zipdb_data.inc").read()
digits = "".join(re.findall(r'"(\d+)"', text.split("k_zip_codes[] =", 1)[1].split(";", 1)[0]))
codes = [digits[i:i + 5] for i in range(0, len(digits), 5)]
n = int(sys.argv[1])
print("\n".join(codes[1000:1000 + 3 * (n + 10)]))
PY

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$bench_tmp" \
  >"$bench_tmp/redis.log" & bench_pids+=($!)
wait_port "$REDIS_PORT"

start_tenki() {  # start_tenki PORT ARGS...: one instance against the stand-in
  local port=$1; shift
  OWM_API_KEY=benchkey TENKI_OWM_URL="http://127.0.0.1:$OWM_PORT" TENKI_ENV=test \
    "$TENKI" serve -q --port "$port" --threads 2 "$@" 2>>"$bench_tmp/tenki.log" & bench_pids+=($!)
  wait_port "$port"
}

# burst URL SOURCE CODES_FILE: every code at once (50 in flight), from SOURCE; prints a status histogram.
burst() {
  xargs -P 50 -I{} curl -s -o /dev/null -w '%{http_code}\n' --interface "$2" "$1{}" < "$3" |
    sort | uniq -c | awk '{printf "%s x%s  ", $2, $1} END {print ""}'
}

# run NAME URL: the two clients against URL, then the calls the stand-in received.
run() {
  local name=$1 url=$2 round=$3
  sed -n "$((round * (CODES + 10) + 1)),$((round * (CODES + 10) + CODES))p" "$bench_tmp/all_codes" > "$bench_tmp/first"
  sed -n "$((round * (CODES + 10) + CODES + 1)),$((round * (CODES + 10) + CODES + 10))p" "$bench_tmp/all_codes" > "$bench_tmp/second"
  curl -s "http://127.0.0.1:$OWM_PORT/reset" > /dev/null
  burst "$url" 127.0.0.2 "$bench_tmp/first" > "$bench_tmp/first.out" &
  local pid=$!
  sleep 0.2
  burst "$url" 127.0.0.3 "$bench_tmp/second" > "$bench_tmp/second.out"
  wait "$pid"
  echo "== $name"
  echo "   first client, $CODES cold codes:  $(cat "$bench_tmp/first.out")"
  echo "   second client, 10 cold codes:     $(cat "$bench_tmp/second.out")"
  echo "   upstream calls received:          $(curl -s "http://127.0.0.1:$OWM_PORT/count")"
}

P0=$(free_port); start_tenki "$P0" --upstream-rate off
run "reference: one instance, no budget" "http://127.0.0.1:$P0/api/v1/weather?postalcode=" 0

P1=$(free_port); start_tenki "$P1"
run "one instance, default budget (owm: 60/min)" "http://127.0.0.1:$P1/api/v1/weather?postalcode=" 1

PA=$(free_port); PB=$(free_port)
start_tenki "$PA" --cache redis --redis-url "redis://127.0.0.1:$REDIS_PORT/0"
start_tenki "$PB" --cache redis --redis-url "redis://127.0.0.1:$REDIS_PORT/0"
NGINX_PORT=$(free_port)
start_nginx_in_front "$NGINX_PORT" "$PA" "$PB"
run "two instances behind nginx, Redis, default budget" "http://127.0.0.1:$NGINX_PORT/api/v1/weather?postalcode=" 2
