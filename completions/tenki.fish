# fish completion for tenki
set -l commands weather forecast moon serve check urls show-urls test integration webtest clean config

complete -c tenki -f
complete -c tenki -s h -l help -d 'Print help'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -s v -l verbose -d 'Say more (never the API key)'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -l env -x -a 'dev test prod' -d 'Settings to use'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -l config -r -F -d 'The config file'

complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a weather -d 'Print the current weather for each place, in order'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a forecast -d 'Print the days or hours ahead for each place'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a moon -d 'Print the moon and the sun for places and a date, offline'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a serve -d 'Serve the web page and JSON API'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a check -d 'Check the configuration serve would run with'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a urls -d 'List the routes'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a show-urls -d 'List the routes (alias of urls)'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a test -d 'Run the unit tests'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a integration -d 'Run the [integration] tests'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a webtest -d 'Run the [web] tests in headless Chromium'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a clean -d 'Remove build and test litter'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a config -d 'Print every setting and where it came from'

set -l w "__fish_seen_subcommand_from weather"
complete -c tenki -n $w -s c -l country -x -d 'Country for codes without one'
complete -c tenki -n $w -s u -l units -x -a 'auto metric imperial standard' -d 'Unit system'
complete -c tenki -n $w -s j -l json -d 'Print the v2 JSON document'
complete -c tenki -n $w -s f -l format -x -d 'One line from named fields'
complete -c tenki -n $w -s o -l output -x -a 'waybar i3blocks plain' -d 'A status bar\'s output'
complete -c tenki -n $w -l no-stale -d 'Fail rather than print the last known good answer'
complete -c tenki -n $w -s r -l refresh -d 'Ask the upstream even on a fresh cache'
complete -c tenki -n $w -l cache-ttl -x -d 'How long a cached answer stays fresh (600, 10m)'
complete -c tenki -n $w -l timeout -x -d 'Seconds for the whole upstream answer'
complete -c tenki -n $w -l connect-timeout -x -d 'Seconds for the upstream connection'
complete -c tenki -n $w -l forecast-ttl -x -d 'How long a cached forecast stays fresh'
complete -c tenki -n $w -a '(tenki config --places 2>/dev/null)' -d 'Named place'

set -l mn "__fish_seen_subcommand_from moon"
complete -c tenki -n $mn -s c -l country -x -d 'Country to narrow a city name'
complete -c tenki -n $mn -l date -x -d 'The local date, YYYY-MM-DD'
complete -c tenki -n $mn -l json -d 'Print the moon and the sun as JSON'
complete -c tenki -n $mn -a '(tenki config --places 2>/dev/null)' -d 'Named place'

set -l fc "__fish_seen_subcommand_from forecast"
complete -c tenki -n $fc -s c -l country -x -d 'Country for codes without one'
complete -c tenki -n $fc -s u -l units -x -a 'auto metric imperial standard' -d 'Unit system'
complete -c tenki -n $fc -s d -l days -x -d 'Days from today, 1-16'
complete -c tenki -n $fc -s H -l hourly -d 'The next 24 hours, a line per step'
complete -c tenki -n $fc -l hours -x -d 'Hours ahead, 1-48 (implies --hourly)'
complete -c tenki -n $fc -s j -l json -d 'Print the v2 forecast JSON document'
complete -c tenki -n $fc -s r -l refresh -d 'Ask the upstream even on a fresh cache'
complete -c tenki -n $fc -l no-stale -d 'Fail rather than print the last known good forecast'
complete -c tenki -n $fc -l cache-ttl -x -d 'How long a cached forecast stays fresh'
complete -c tenki -n $fc -l timeout -x -d 'Seconds for the whole upstream answer'
complete -c tenki -n $fc -l connect-timeout -x -d 'Seconds for the upstream connection'
complete -c tenki -n $fc -a '(tenki config --places 2>/dev/null)' -d 'Named place'

set -l up "__fish_seen_subcommand_from weather forecast serve check"
complete -c tenki -n $up -l key-file -r -F -d 'File with the OpenWeatherMap API key'
complete -c tenki -n $up -l owm-url -x -d 'OpenWeatherMap base URL'
complete -c tenki -n $up -s p -l provider -x -a 'owm open-meteo' -d 'Weather provider'
complete -c tenki -n $up -l open-meteo-url -x -d 'Open-Meteo base URL'

set -l s "__fish_seen_subcommand_from serve check"
complete -c tenki -n $s -l host -x -d 'Address to listen on'
complete -c tenki -n $s -l port -x -d 'Port to listen on'
complete -c tenki -n $s -l threads -x -d 'Threads serving requests'
complete -c tenki -n $s -l upstream-threads -x -d 'Threads making upstream calls'
complete -c tenki -n $s -l cache-ttl -x -d 'How long an answer stays fresh (300, 5m)'
complete -c tenki -n $s -l forecast-ttl -x -d 'How long a forecast stays fresh (10m at least)'
complete -c tenki -n $s -l stale-ttl -x -d 'How long a stale answer may be served'
complete -c tenki -n $s -l negative-ttl -x -d 'How long a not-found answer is cached'
complete -c tenki -n $s -l cache-size -x -d 'Most places cached'
complete -c tenki -n $s -l cache-memory -x -d 'MiB kept for cached answers (256)'
complete -c tenki -n $s -l request-timeout -x -d 'How long a client has to send its headers'
complete -c tenki -n $s -l upstream-timeout -x -d 'How long an upstream call may take'
complete -c tenki -n $s -l upstream-rate -x -d 'Upstream calls allowed, all instances (60/min)'
complete -c tenki -n $s -l client-rate -x -d 'Upstream calls one client may cause (10/min)'
complete -c tenki -n $s -l log-format -x -a 'combined json' -d 'The access log format'
complete -c tenki -n $s -l cors-origin -x -d 'An origin whose pages may read the API (CORS)'
complete -c tenki -n $s -l trusted-proxy -x -d 'A proxy whose X-Real-IP names the client (CIDR)'
complete -c tenki -n $s -l cache -x -a 'memory redis' -d 'Where answers are cached'
complete -c tenki -n $s -l redis-url -x -d 'Redis for --cache redis'
complete -c tenki -n $s -l redis-timeout -x -d 'Seconds for one Redis command'
complete -c tenki -n $s -l redis-retry -x -d 'Seconds between Redis reconnections'
complete -c tenki -n $s -s q -l quiet -d 'No access log'

set -l ck "__fish_seen_subcommand_from check"
complete -c tenki -n $ck -l deploy -d 'Add the production checks'
complete -c tenki -n $ck -l fail-level -x -a 'warning error' -d 'The lowest level that makes the exit status 2'
complete -c tenki -n $ck -s j -l json -d 'Print the findings as one JSON document'
complete -c tenki -n $ck -l nginx-conf -r -F -d 'An nginx config in front of tenki, for nginx -t'
complete -c tenki -n $ck -l online -d 'Make one real weather call for the default place'
complete -c tenki -n $ck -l list -d 'Print the table of checks'

set -l u "__fish_seen_subcommand_from urls show-urls"
complete -c tenki -n $u -l sort -x -a 'endpoint methods rule' -d 'Sort key'
complete -c tenki -n $u -l method -x -a 'GET HEAD POST PUT PATCH DELETE OPTIONS' -d 'Method to match'
complete -c tenki -n $u -l json -d 'Print JSON'

complete -c tenki -n "__fish_seen_subcommand_from test integration webtest" -l test-binary -r -F -d 'The Catch2 test binary'
complete -c tenki -n "__fish_seen_subcommand_from test integration webtest" -l screenshot-dir -r -a '(__fish_complete_directories)' -d 'Where web tests write screenshots'
complete -c tenki -n "__fish_seen_subcommand_from clean" -s n -l dry-run -d 'List what would be removed, remove nothing'

set -l cf "__fish_seen_subcommand_from config"
complete -c tenki -n $cf -l check -d 'Check the config file, naming each problem\'s line'
complete -c tenki -n $cf -s j -l json -d 'Print the settings as JSON'
complete -c tenki -n $cf -l places -d 'Print the names of the places'
complete -c tenki -n $cf -l country -x -d 'Country for codes without one'
complete -c tenki -n $cf -l units -x -a 'auto metric imperial standard' -d 'Unit system'
complete -c tenki -n $cf -l provider -x -a 'auto owm open-meteo' -d 'Weather provider'
complete -c tenki -n $cf -l key-file -r -F -d 'File with the OpenWeatherMap API key'
complete -c tenki -n $cf -l cache-ttl -x -d 'How long a cached answer stays fresh'
complete -c tenki -n $cf -l forecast-ttl -x -d 'How long a cached forecast stays fresh'
