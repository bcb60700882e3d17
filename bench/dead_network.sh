#!/usr/bin/env bash
# A status bar on a dead network: both providers (OpenWeatherMap with a key, failing over to
# Open-Meteo) accept the connection and never answer. Runs POLLS polls of
# `tenki weather PLACE --output plain` one after another in one fresh HOME, as a bar polling
# every minute would, and prints each poll's wall time and what it printed. At the defaults the
# first poll waits one --timeout in all (both providers share it), the next ones answer at once
# while the breakers are open. Give two binaries to compare them in one run. Loopback only.
#   bench/dead_network.sh [build/tenki [other/tenki]] (POLLS=3 PLACE=94107 TIMEOUT=)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

POLLS=${POLLS:-3}
PLACE=${PLACE:-94107}
binaries=("${@:-build/tenki}")

# A stand-in for both providers: accepts every connection and never answers.
HANG_PORT=$(free_port)
cat > "$bench_tmp/hang.py" <<'PY'
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(128)
held = []
while True:
    held.append(s.accept()[0])
PY
python3 "$bench_tmp/hang.py" "$HANG_PORT" & bench_pids+=($!)
wait_port "$HANG_PORT"

for bin in "${binaries[@]}"; do
  home=$(mktemp -d "$bench_tmp/home.XXXXXX")
  echo "== $bin: $POLLS polls of tenki weather $PLACE --output plain${TIMEOUT:+ --timeout $TIMEOUT}"
  for i in $(seq 1 "$POLLS"); do
    start=$(date +%s.%N)
    out=$(env -i PATH="$PATH" HOME="$home" OWM_API_KEY=0123456789abcdef0123456789abcdef \
            TENKI_OWM_URL="http://127.0.0.1:$HANG_PORT" TENKI_OPENMETEO_URL="http://127.0.0.1:$HANG_PORT" \
            TENKI_OPENMETEO_GEOCODING_URL="http://127.0.0.1:$HANG_PORT" \
            "$bin" weather "$PLACE" --output plain ${TIMEOUT:+--timeout "$TIMEOUT"} 2>/dev/null || true)
    printf 'poll %d: %.2f s  %s\n' "$i" "$(echo "$(date +%s.%N) - $start" | bc)" "$out"
  done
done
