# Sourced by bench/weather.sh and bench/lang.sh after lib.sh: a stand-in OpenWeatherMap on loopback
# (nginx serving the recorded answer for 94107 at any path) and tenki's environment pointed at it,
# with its own cache directory. Sets port and url (the upstream's weather URL, for curl).
mkdir -p "$bench_tmp/www" "$bench_tmp/cache"
cp "$here/data/owm-94107.json" "$bench_tmp/www/index.json"
port=$(free_port)
start_nginx "$port" "$bench_tmp/www"
url="http://127.0.0.1:$port/data/2.5/weather?zip=94107,us&appid=benchkey"
export OWM_API_KEY=benchkey TENKI_OWM_URL="http://127.0.0.1:$port" XDG_CACHE_HOME="$bench_tmp/cache" NO_COLOR=1
# owm_observed_now: the stand-in's answer observed now (its dt), as a live upstream's is, so the sky
# shown is today's, as in real use.
owm_observed_now() {
  python3 - "$bench_tmp/www/index.json" <<'PY'
import json, sys, time
doc = json.load(open(sys.argv[1]))
doc["dt"] = int(time.time())
json.dump(doc, open(sys.argv[1], "w"))
PY
}
