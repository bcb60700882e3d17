#!/usr/bin/env bash
# The issue's speed check: `tenki serve` answering GET /api/v1/weather from its cache, against
# nginx serving the same bytes as a static file, side by side with wrk at 64 and 256 keep-alive
# connections. Loopback only; every process it starts is stopped on exit.
#   bench/serve_vs_nginx.sh [build/tenki] [seconds]
set -euo pipefail

TENKI=${1:-build/tenki}
SECONDS_EACH=${2:-10}
THREADS=${TENKI_BENCH_THREADS:-2}
WORK=$(mktemp -d)
chmod 755 "$WORK"  # nginx workers may run as another user
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }

# A one-answer OpenWeatherMap, to fill the cache once.
OWM_PORT=$(free_port)
cat > "$WORK/owm.py" <<'PY'
import http.server, sys
BODY = (b'{"coord":{"lon":-75.0,"lat":40.1},"weather":[{"id":800,"main":"Clear","description":"clear sky",'
        b'"icon":"01d"}],"main":{"temp":293.15,"feels_like":292.5,"temp_min":291.0,"temp_max":295.0,'
        b'"pressure":1015,"humidity":40},"visibility":10000,"wind":{"speed":3.6,"deg":200},"clouds":{"all":0},'
        b'"dt":1700000000,"sys":{"country":"US","sunrise":1699960000,"sunset":1699996000},"timezone":-18000,'
        b'"id":4560349,"name":"Testville","cod":200}')
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BODY))); self.end_headers(); self.wfile.write(BODY)
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
python3 "$WORK/owm.py" "$OWM_PORT" & PIDS+=($!)
wait_port "$OWM_PORT"

TENKI_PORT_=$(free_port)
OWM_API_KEY=bench TENKI_OWM_URL="http://127.0.0.1:$OWM_PORT" \
  "$TENKI" serve -q --port "$TENKI_PORT_" --threads "$THREADS" --cache-ttl 3600 & PIDS+=($!)
wait_port "$TENKI_PORT_"
URL_PATH="/api/v1/weather?postalcode=19021"
curl -s "http://127.0.0.1:$TENKI_PORT_$URL_PATH" -o "$WORK/weather.json"
curl -s -D - -o /dev/null "http://127.0.0.1:$TENKI_PORT_$URL_PATH" | grep -i '^x-cache' >&2

NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx"
cat > "$WORK/nginx.conf" <<CONF
worker_processes $THREADS;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
daemon off;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  server {
    listen 127.0.0.1:$NGINX_PORT reuseport;
    location = /api/v1/weather { default_type application/json; alias $WORK/weather.json; }
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK/nginx" & PIDS+=($!)
wait_port "$NGINX_PORT"
cmp <(curl -s "http://127.0.0.1:$NGINX_PORT$URL_PATH") "$WORK/weather.json"

rps() { wrk -t2 -c"$1" -d"${SECONDS_EACH}s" "$2" | awk '/Requests\/sec/ {print $2}'; }
echo "connections  nginx_rps  tenki_rps  ratio"
for c in 64 256; do
  n=$(rps "$c" "http://127.0.0.1:$NGINX_PORT$URL_PATH")
  t=$(rps "$c" "http://127.0.0.1:$TENKI_PORT_$URL_PATH")
  echo "$c $n $t $(python3 -c "print(round($t/$n, 2))")" | awk '{printf "%-12s %-10s %-10s %s\n", $1, $2, $3, $4}'
done
