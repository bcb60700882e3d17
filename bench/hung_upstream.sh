#!/usr/bin/env bash
# What a client sees through the shipped nginx config (deploy/nginx/tenki.conf) when the upstream
# hangs: two `tenki serve --cache redis` sharing one redis-server, a stand-in OpenWeatherMap that
# never answers, and CLIENTS clients asking at once for the same cold place. Prints each client's
# status, Content-Type, error code and time, and the calls the stand-in received. At tenki's
# defaults each should get tenki's JSON 504 (upstream_timeout) after --upstream-timeout, well
# before nginx's proxy_read_timeout, and the stand-in one call. Loopback only.
# DISTINCT=1 gives each client its own place instead (up to 16): more cold places than
# --upstream-threads (4) queue behind the hung calls.
#   bench/hung_upstream.sh [build/tenki] [clients] [extra tenki serve options...]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

TENKI=${1:-build/tenki}
CLIENTS=${2:-2}
shift $(( $# > 2 ? 2 : $# ))
EXTRA=("$@")

# A stand-in OpenWeatherMap that counts its calls (GET /count) and never answers the others.
OWM_PORT=$(free_port)
cat > "$bench_tmp/owm.py" <<'PY'
import http.server, sys, threading, time
calls, lock = 0, threading.Lock()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        global calls
        if self.path != "/count":
            with lock: calls += 1
            time.sleep(120)
            return
        body = str(calls).encode()
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
python3 "$bench_tmp/owm.py" "$OWM_PORT" & bench_pids+=($!)
wait_port "$OWM_PORT"

redis_pair "$OWM_PORT" "${EXTRA[@]}"

NGINX_PORT=$(free_port)
start_nginx_in_front "$NGINX_PORT" "${PORTS[0]}" "${PORTS[1]}"

echo "$CLIENTS clients at once through nginx, upstream hung, tenki serve ${EXTRA[*]:-(defaults)}" >&2
PLACES=(94107 10001 60601 90001 02108 98101 30301 77001 33101 80202 85001 19103 20001 75201 97201 55401)
for i in $(seq 1 "$CLIENTS"); do
  place=94107
  [ -n "${DISTINCT:-}" ] && place=${PLACES[$(( (i - 1) % ${#PLACES[@]} ))]}
  curl -s -o "$bench_tmp/body.$i" -w "%{http_code} %{content_type} %{time_total}\n" \
    "http://127.0.0.1:$NGINX_PORT/api/v2/weather?postalcode=$place" > "$bench_tmp/answer.$i" &
done
wait_clients() { for i in $(seq 1 "$CLIENTS"); do while [ ! -s "$bench_tmp/answer.$i" ]; do sleep 0.1; done; done; }
wait_clients
for i in $(seq 1 "$CLIENTS"); do
  read -r status type seconds < "$bench_tmp/answer.$i"
  code=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["error"]["code"])' "$bench_tmp/body.$i" \
         2>/dev/null || echo "(not tenki's JSON)")
  echo "client $i: $status $type $code after ${seconds}s"
done
echo "upstream calls received: $(curl -s "http://127.0.0.1:$OWM_PORT/count")"
