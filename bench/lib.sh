# Shared helpers for the bench/ scripts: free ports, a throwaway nginx, cleanup on exit.
# Every server here binds 127.0.0.1 only, on a port picked at run time.

bench_tmp=$(mktemp -d /tmp/tenki-bench.XXXXXX)
chmod 755 "$bench_tmp"
bench_pids=()
bench_cleanup() {
  for p in "${bench_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$bench_tmp"
}
trap bench_cleanup EXIT

# bench_args DEFAULT_SECONDS [path/to/tenki] [seconds per run]: the serve benches' arguments.
# Sets tenki (an absolute path; default build/tenki), duration (seconds per run) and threads
# (TENKI_BENCH_THREADS, default one per core) for the script that sources this file.
bench_args() {
  local default_seconds=$1
  shift
  tenki=${1:-$here/../build/tenki}
  tenki=$(cd "$(dirname "$tenki")" && pwd)/$(basename "$tenki")
  duration=${2:-$default_seconds}
  threads=${TENKI_BENCH_THREADS:-$(nproc)}
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_port() {  # wait_port PORT: until something accepts on 127.0.0.1:PORT (10 s at most)
  for _ in $(seq 1 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "nothing listens on port $1" >&2
  return 1
}

# start_nginx PORT ROOT: serves ROOT's files on 127.0.0.1:PORT, as the current user, in a temp prefix.
# Any path answers with ROOT/index.json when no file of that name exists (a stand-in upstream).
# NGINX_LOCATIONS, when set, is put first in the server block (more locations, for faults).
start_nginx() {
  local port=$1 root=$2 prefix="$bench_tmp/nginx-$1"
  mkdir -p "$prefix/logs" "$prefix/tmp"
  local user_line=""
  [ "$(id -u)" -eq 0 ] && user_line="user root;"
  cat > "$prefix/nginx.conf" <<CONF
$user_line
worker_processes ${NGINX_WORKERS:-1};
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/json;
  keepalive_requests 1000000;
  client_body_temp_path $prefix/tmp/body;
  proxy_temp_path $prefix/tmp/proxy;
  fastcgi_temp_path $prefix/tmp/fastcgi;
  uwsgi_temp_path $prefix/tmp/uwsgi;
  scgi_temp_path $prefix/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $root;
    ${NGINX_LOCATIONS:-}
    location / { try_files \$uri /index.json; }
  }
}
CONF
  nginx -p "$prefix" -c "$prefix/nginx.conf" -g 'daemon off;' &
  bench_pids+=($!)
  wait_port "$port"
}

# start_nginx_in_front PORT A B: deploy/nginx/tenki.conf as shipped, in a temp prefix, as the
# current user, listening on 127.0.0.1:PORT in front of tenki instances on ports A and B.
start_nginx_in_front() {
  local port=$1 prefix="$bench_tmp/nginx-front-$1"
  mkdir -p "$prefix/tmp"
  local user_line=""
  [ "$(id -u)" -eq 0 ] && user_line="user root;"
  {
    echo "$user_line"
    echo "worker_processes ${NGINX_WORKERS:-2}; pid $prefix/nginx.pid; error_log $prefix/error.log warn;"
    echo "events { worker_connections 4096; }"
    echo "http { access_log off;"
    for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $prefix/tmp/$t;"; done
    sed -e "s/127.0.0.1:5001/127.0.0.1:$2/" -e "s/127.0.0.1:5002/127.0.0.1:$3/" \
        -e "s/listen 80;/listen 127.0.0.1:$port;/" -e "/listen \[::\]:80;/d" deploy/nginx/tenki.conf
    echo "}"
  } > "$prefix/nginx.conf"
  nginx -p "$prefix" -c "$prefix/nginx.conf" -g 'daemon off;' &
  bench_pids+=($!)
  wait_port "$port"
}

# owm_forecast_body FILE: writes an OpenWeatherMap 5 day / 3 hour forecast (40 steps from the
# current 3-hour mark, in the documented shape, rain on two steps in eight) for San Francisco.
owm_forecast_body() {
  python3 - "$1" <<'PY'
import json, sys, time
now = int(time.time()) // 10800 * 10800
steps = []
for i in range(1, 41):
    t = now + i * 10800
    wet = (i % 8) in (4, 5)
    step = {"dt": t, "main": {"temp": 283.15 + (i % 8), "feels_like": 282.0 + (i % 8), "temp_min": 283.0,
            "temp_max": 291.0, "pressure": 1016, "sea_level": 1016, "grnd_level": 1010, "humidity": 72,
            "temp_kf": 0}, "weather": [{"id": 500 if wet else 803, "main": "Rain" if wet else "Clouds",
            "description": "light rain" if wet else "broken clouds", "icon": "10d" if wet else "04d"}],
            "clouds": {"all": 75}, "wind": {"speed": 5.7, "deg": 290, "gust": 8.1}, "visibility": 10000,
            "pop": 0.8 if wet else 0.1, "sys": {"pod": "d"},
            "dt_txt": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t))}
    if wet:
        step["rain"] = {"3h": 1.2}
    steps.append(step)
body = {"cod": "200", "message": 0, "cnt": 40, "list": steps,
        "city": {"id": 5391959, "name": "San Francisco", "coord": {"lat": 37.7749, "lon": -122.4194},
                 "country": "US", "population": 805235, "timezone": -28800,
                 "sunrise": now - 20000, "sunset": now + 16000}}
json.dump(body, open(sys.argv[1], "w"))
PY
}

# run_wrk NAME CONNECTIONS URL: wrk with $threads threads for $duration seconds; prints a line
# (requests/s, p50, p99, errors) and keeps the requests/s in $bench_tmp/rps-NAME-CONNECTIONS.
# WRK_HEADER, when set, is sent with every request ("Accept-Encoding: gzip").
run_wrk() {
  local out rps p50 p99 non2xx sockerr
  local header=()
  [ -n "${WRK_HEADER:-}" ] && header=(-H "$WRK_HEADER")
  out=$(wrk -t"$threads" -c"$2" -d"${duration}s" --latency "${header[@]}" "$3")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  sockerr=$(awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}' <<<"$out")
  printf '%-6s c=%-4s %10.0f req/s  p50 %-8s p99 %-8s errors %s\n' "$1" "$2" "$rps" "$p50" "$p99" \
    "$(( ${non2xx:-0} + ${sockerr:-0} ))"
  echo "$rps" > "$bench_tmp/rps-$1-$2"
}

# instructions NAME CMD...: callgrind's instruction count for one run of CMD, appended to
# $bench_tmp/instructions as "NAME COUNT".
instructions() {
  local n
  n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "${@:2}" 2>&1 >/dev/null |
      awk '/Collected/ {print $NF}')
  echo "$1 $n" >> "$bench_tmp/instructions"
}
# serve_on_stand_in BODY_FILE: an nginx stand-in OpenWeatherMap answering BODY_FILE for any path,
# and tenki serve -q ($tenki, $threads threads) against it on a free port; sets tenki_port and
# tenki_pid. The static server of the comparison reads $bench_tmp/static.
serve_on_stand_in() {
  mkdir -p "$bench_tmp/owm" "$bench_tmp/static"
  cp "$1" "$bench_tmp/owm/index.json"
  local owm_port
  owm_port=$(free_port)
  start_nginx "$owm_port" "$bench_tmp/owm"
  tenki_port=$(free_port)
  OWM_API_KEY=benchkey TENKI_OWM_URL="http://127.0.0.1:$owm_port" \
    "$tenki" serve -q --port "$tenki_port" --threads "$threads" &
  tenki_pid=$!
  bench_pids+=("$tenki_pid")
  wait_port "$tenki_port"
}
# compare_with_nginx STATIC_PORT TENKI_PORT PATH TARGET: wrk on both at 64 and 256 connections,
# then each ratio of requests/s against TARGET.
compare_with_nginx() {
  for c in 64 256; do
    run_wrk nginx "$c" "http://127.0.0.1:$1$3"
    run_wrk tenki "$c" "http://127.0.0.1:$2$3"
    python3 -c "import sys; n,t=(float(open(f).read()) for f in sys.argv[1:3]); print(f'ratio tenki/nginx at c=$c: {t/n:.2f} (target >= {sys.argv[3]})')" \
      "$bench_tmp/rps-nginx-$c" "$bench_tmp/rps-tenki-$c" "$4"
  done
}
# redis_pair OWM_PORT ARGS...: a throwaway redis-server (nothing saved) on a free port, and two
# tenki serve -q ($TENKI) sharing it as their cache, against the stand-in upstream at OWM_PORT,
# each with ARGS; sets REDIS_PORT and PORTS. Their logs go to $bench_tmp/tenki.log.
redis_pair() {
  local owm_port=$1 port
  shift
  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$bench_tmp" \
    >"$bench_tmp/redis.log" & bench_pids+=($!)
  wait_port "$REDIS_PORT"
  PORTS=()
  for _ in 1 2; do
    port=$(free_port)
    OWM_API_KEY=benchkey TENKI_OWM_URL="http://127.0.0.1:$owm_port" TENKI_ENV=test \
      "$TENKI" serve -q --port "$port" --cache redis --redis-url "redis://127.0.0.1:$REDIS_PORT/0" \
      "$@" 2>>"$bench_tmp/tenki.log" & bench_pids+=($!)
    wait_port "$port"
    PORTS+=("$port")
  done
}

# start_h2o ROOT: Debian's h2o serving ROOT's files (application/json, and a file's .gz beside it
# to a request that accepts gzip) with $threads threads on a free port; sets h2o_port and h2o_pid.
start_h2o() {
  h2o_port=$(free_port)
  local user_line=""  # as root h2o would switch to nobody, who cannot write its pid file here
  [ "$(id -u)" -eq 0 ] && user_line="user: root"
  cat > "$bench_tmp/h2o.conf" <<CONF
$user_line
num-threads: $threads
pid-file: $bench_tmp/h2o.pid
error-log: $bench_tmp/h2o-error.log
listen:
  host: 127.0.0.1
  port: $h2o_port
file.mime.setdefaulttype: application/json
file.send-compressed: ON
hosts:
  default:
    paths:
      /:
        file.dir: $1
CONF
  h2o -c "$bench_tmp/h2o.conf" 2>"$bench_tmp/h2o.log" &
  h2o_pid=$!
  bench_pids+=("$h2o_pid")
  wait_port "$h2o_port"
}
