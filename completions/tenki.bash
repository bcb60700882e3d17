# bash completion for tenki                                   -*- shell-script -*-
_tenki() {
    local cur prev words cword
    _init_completion || return

    local global_opts="--help -h --version --verbose -v --env --config"
    local commands="weather forecast moon serve check urls show-urls test integration webtest clean config"
    local cmd="" i
    for ((i = 1; i < cword; i++)); do
        case "${words[i]}" in
            --env | --config) ((i++)) ;;
            -*) ;;
            *) cmd="${words[i]}"; break ;;
        esac
    done

    case "$prev" in
        --env) COMPREPLY=($(compgen -W "dev test prod" -- "$cur")); return ;;
        -u | --units) COMPREPLY=($(compgen -W "auto metric imperial standard" -- "$cur")); return ;;
        --lang) COMPREPLY=($(compgen -W "en de fr ru zh-Hans zh-Hant pt-BR pt-PT tr ja es pl it uk da" -- "$cur")); return ;;
        -p | --provider) COMPREPLY=($(compgen -W "auto owm open-meteo" -- "$cur")); return ;;
        --output) COMPREPLY=($(compgen -W "waybar i3blocks plain" -- "$cur")); return ;;
        -o)
            # weather's -o is --output; the test tiers' is Catch2's --out, a file.
            if [[ $cmd == weather ]]; then COMPREPLY=($(compgen -W "waybar i3blocks plain" -- "$cur")); else _filedir; fi
            return ;;
        --cache) COMPREPLY=($(compgen -W "memory redis" -- "$cur")); return ;;
        --aqi-scale) COMPREPLY=($(compgen -W "auto us eu" -- "$cur")); return ;;
        --icons) COMPREPLY=($(compgen -W "auto emoji nerd ascii" -- "$cur")); return ;;
        --log-format) COMPREPLY=($(compgen -W "combined json" -- "$cur")); return ;;
        --fail-level) COMPREPLY=($(compgen -W "warning error" -- "$cur")); return ;;
        --sort) COMPREPLY=($(compgen -W "endpoint methods rule" -- "$cur")); return ;;
        --method) COMPREPLY=($(compgen -W "GET HEAD POST PUT PATCH DELETE OPTIONS" -- "$cur")); return ;;
        --test-binary | --key-file | --config | --nginx-conf) _filedir; return ;;
        --screenshot-dir) _filedir -d; return ;;
        -c | --country | -f | --format | --cache-ttl | --forecast-ttl | -d | --days | --hours | --owm-url | --open-meteo-url | --timeout | \
            --connect-timeout | --host | --port | --threads | --upstream-threads | --stale-ttl | \
            --negative-ttl | --cache-size | --cache-memory | --request-timeout | --upstream-timeout | --redis-url | \
            --redis-timeout | --redis-retry | --upstream-rate | --client-rate | --trusted-proxy | --cors-origin) return ;;
    esac

    local opts
    case "$cmd" in
        "") opts="$global_opts $commands" ;;
        weather)
            opts="--country -c --units -u --lang --json -j --output -o --format -f --icons --refresh -r --no-stale --cache-ttl
                  --forecast-ttl --key-file --owm-url --provider -p --open-meteo-url --timeout --connect-timeout --help -h
                  --no-alerts --air --aqi-scale" ;;
        forecast)
            opts="--country -c --units -u --lang --days -d --hourly -H --hours --json -j --refresh -r --no-stale --cache-ttl --forecast-ttl
                  --key-file --owm-url --provider -p --open-meteo-url --timeout --connect-timeout --help -h" ;;
        moon) opts="--country -c --date --lang --refresh --json --help -h" ;;
        serve | check)
            opts="--host --port --threads --upstream-threads --cache-ttl --forecast-ttl --stale-ttl --negative-ttl
                  --cache-size --cache-memory --request-timeout --upstream-timeout --owm-url --key-file --provider
                  --open-meteo-url --cache --redis-url --redis-timeout --redis-retry --upstream-rate --client-rate --trusted-proxy --log-format --cors-origin
                  --quiet -q --help -h"
            [[ $cmd == check ]] && opts="$opts --deploy --fail-level --json -j --nginx-conf --online --list" ;;
        urls | show-urls) opts="--sort --method --json --help -h" ;;
        test | integration | webtest)
            opts="--test-binary --screenshot-dir --help -h --list-tests --reporter -r --out -o" ;;
        clean) opts="--dry-run -n --help -h" ;;
        config) opts="--check --json -j --places --country --units --lang --provider --key-file --cache-ttl --forecast-ttl --help -h" ;;
    esac
    # tenki weather's and forecast's places: the names in the config file's [places], besides any postal code, city or coordinates.
    if [[ ($cmd == weather || $cmd == forecast || $cmd == moon) && $cur != -* ]]; then
        opts="$opts $(tenki config --places 2>/dev/null)"
    fi
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _tenki tenki
