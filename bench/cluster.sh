#!/usr/bin/env bash
# Several instances as deployed: wrk at 64 keep-alive connections through nginx
# (deploy/nginx/tenki.conf) to two `tenki serve --cache redis` sharing one redis-server, with a
# local stand-in for OpenWeatherMap. Prints requests/s, the cache hit rate (from both instances'
# /metrics) and the upstream calls. Loopback only; everything it starts is stopped on exit.
#   bench/cluster.sh [build/tenki] [seconds] [distinct postal codes]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

TENKI=${1:-build/tenki}
DURATION=${2:-10}
CODES=${3:-1000}
CONNECTIONS=${BENCH_CONNECTIONS:-64}

# A stand-in OpenWeatherMap that answers every postal code and counts its calls (GET /count).
OWM_PORT=$(free_port)
# The stand-in's one body has no coordinates: it stands in for codes all over the country, and
# tenki refuses an answer whose point is far from a ZIP code's own (providers/answered_place.hpp).
cat > "$bench_tmp/owm.py" <<'PY'
import http.server, re, sys, threading
calls, lock = 0, threading.Lock()
TEMPLATE = ('{"weather":[{"id":800,"main":"Clear","description":"clear sky",'
            '"icon":"01d"}],"main":{"temp":293.15,"feels_like":292.5,"temp_min":291.0,"temp_max":295.0,'
            '"pressure":1015,"humidity":40},"visibility":10000,"wind":{"speed":3.6,"deg":200},"clouds":{"all":0},'
            '"dt":1700000000,"sys":{"country":"US","sunrise":1699960000,"sunset":1699996000},"timezone":-18000,'
            '"id":0,"name":"Place %s","cod":200}')
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        global calls
        if self.path == "/count":
            body = str(calls).encode()
        else:
            with lock: calls += 1
            m = re.search(r"zip=(\d+)", self.path)
            body = (TEMPLATE % (m.group(1) if m else "?")).encode()
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
python3 "$bench_tmp/owm.py" "$OWM_PORT" & bench_pids+=($!)
wait_port "$OWM_PORT"

redis_pair "$OWM_PORT" --threads "${TENKI_BENCH_THREADS:-2}" --cache-ttl 3600 --client-rate off

NGINX_PORT=$(free_port)
start_nginx_in_front "$NGINX_PORT" "${PORTS[0]}" "${PORTS[1]}"

# Each request asks for one of $CODES postal codes at random: the first ask of each is a miss.
cat > "$bench_tmp/codes.lua" <<LUA
math.randomseed(os.time())
request = function()
  return wrk.format("GET", string.format("/api/v1/weather?postalcode=%05d", 10000 + math.random(0, $CODES - 1)))
end
LUA

metric() {  # metric NAME: the sum over both instances
  local total=0 v
  for port in "${PORTS[@]}"; do
    v=$(curl -s "http://127.0.0.1:$port/metrics" | awk -v n="$1" '$1 == n {print $2}')
    total=$(python3 -c "print(${total} + ${v:-0})")
  done
  echo "$total"
}

echo "wrk: $CONNECTIONS connections, ${DURATION}s, $CODES postal codes, through nginx to 2 instances + Redis" >&2
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$bench_tmp/codes.lua" "http://127.0.0.1:$NGINX_PORT/" \
  > "$bench_tmp/wrk.txt"
cat "$bench_tmp/wrk.txt" >&2

rps=$(awk '/Requests\/sec/ {print $2}' "$bench_tmp/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$bench_tmp/wrk.txt")
hits=$(metric tenki_cache_hits_total)
misses=$(metric tenki_cache_misses_total)
shared=$(metric tenki_redis_hits_total)
upstream=$(metric tenki_upstream_requests_total)
owm=$(curl -s "http://127.0.0.1:$OWM_PORT/count")
echo "requests/s            $rps"
echo "non-2xx answers       ${non2xx:-0}"
echo "cache hit rate        $(python3 -c "print(f'{100 * $hits / max(1, $hits + $misses):.2f}%')") ($hits hits, $misses misses, $shared of the hits read from Redis)"
echo "upstream calls        $upstream by tenki, $owm received by the stand-in, for $CODES codes"
