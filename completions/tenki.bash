# bash completion for tenki                                   -*- shell-script -*-
_tenki() {
    local cur prev words cword
    _init_completion || return

    local global_opts="--help -h --version --verbose -v --env"
    local commands="test integration webtest clean"
    local cmd="" i
    for ((i = 1; i < cword; i++)); do
        case "${words[i]}" in
            --env) ((i++)) ;;
            -*) ;;
            *) cmd="${words[i]}"; break ;;
        esac
    done

    case "$prev" in
        --env) COMPREPLY=($(compgen -W "dev test prod" -- "$cur")); return ;;
        --test-binary) _filedir; return ;;
        --screenshot-dir) _filedir -d; return ;;
    esac

    case "$cmd" in
        "") COMPREPLY=($(compgen -W "$global_opts $commands" -- "$cur")) ;;
        test | integration)
            COMPREPLY=($(compgen -W "--test-binary --help -h --list-tests --reporter -r --out -o" -- "$cur")) ;;
        webtest)
            COMPREPLY=($(compgen -W "--test-binary --screenshot-dir --help -h --list-tests --reporter -r --out -o" -- "$cur")) ;;
        clean) COMPREPLY=($(compgen -W "--dry-run -n --help -h" -- "$cur")) ;;
    esac
}
complete -F _tenki tenki
