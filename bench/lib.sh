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
