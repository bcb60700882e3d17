# fish completion for tenki
set -l commands test integration webtest clean

complete -c tenki -f
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'Print help'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -s v -l verbose -d 'Say more (never the API key)'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -l env -x -a 'dev test prod' -d 'Settings to use'

complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a test -d 'Run the unit tests'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a integration -d 'Run the [integration] tests'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a webtest -d 'Run the [web] tests in headless Chromium'
complete -c tenki -n "not __fish_seen_subcommand_from $commands" -a clean -d 'Remove build and test litter'

complete -c tenki -n "__fish_seen_subcommand_from test integration webtest" -l test-binary -r -F -d 'The Catch2 test binary'
complete -c tenki -n "__fish_seen_subcommand_from webtest" -l screenshot-dir -r -a '(__fish_complete_directories)' -d 'Where the browser tests write screenshots'
complete -c tenki -n "__fish_seen_subcommand_from clean" -s n -l dry-run -d 'List what would be removed, remove nothing'
