#!/usr/bin/env bash
# Installs the Debian packages that tenki needs, then the test-only npm tools of tests/tools
# (redocly, ajv, axe-core) at the versions its lock file pins.
#   scripts/install-deps.sh          everything: build, every test tier, lint, coverage, hooks,
#                                    benchmarks, sanitizers and fuzzing (what CI and `make ci` use)
#   scripts/install-deps.sh --check  only what `make check` needs: the build and the unit,
#                                    integration and web tiers (`make deps`)
# Idempotent and quiet: when nothing is missing it prints nothing and changes nothing.
set -euo pipefail

only_check=false
case "${1:-}" in
  --check) only_check=true ;;
  "") ;;
  *) echo "install-deps: unknown argument '$1' (use --check or nothing)" >&2; exit 2 ;;
esac

packages=(
  # build
  cmake ninja-build g++ make pkg-config git
  libcli11-dev libcurl4-openssl-dev nlohmann-json3-dev libfmt-dev libexpected-dev
  libboost1.81-dev libhiredis-dev libtomlplusplus-dev catch2 zlib1g-dev libbrotli-dev
  # the build compiles the languages' catalogues, po/*.po, with msgfmt and msgen (issue 27)
  gettext
  # astronomy (tenki moon): libnova and ERFA (both linked static), CCTZ (time zones, system tzdb,
  # one file a zone)
  libnova-dev liberfa-dev libcctz-dev tzdata
  # the docs tests: the man page through man, the completions through zsh and fish
  man-db groff-base zsh fish
  # the hook test commits through the project's pre-commit hooks
  pre-commit
  # bash's completion loader, which finds completions/tenki.bash once installed
  bash-completion
  # packaging: make deb (CPack runs dpkg-shlibdeps) and its lintian check in the integration tier
  dpkg-dev lintian
  # integration and web tiers: real servers and a real browser
  curl redis-server nginx-light chromium chromium-driver fonts-liberation
  # deploy checks: docker-compose config (no Docker engine needed), systemd-analyze verify
  docker-compose systemd
)
# Not needed by `make check`: lint, coverage, hooks, benchmarks, sanitizers and fuzzing.
if ! $only_check; then
  # scripts/gen-astronomy-vectors.py: PyEphem, the independent reference for tests/data/astronomy
  packages+=(python3-ephem)
  packages+=(clang-format clang-tidy cppcheck gcovr python3-yaml
             wrk hyperfine h2o valgrind clang libclang-rt-14-dev)
  # CI's tiers each in a network namespace of their own (.ci/tier brings its loopback up with ip)
  packages+=(iproute2)
  # lld: the build links with it when found (TENKI_LLD), a second a rebuild; `make check` does without
  packages+=(lld)
fi
# The npm tools need Node.js and npm: Debian's, unless the machine has its own.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "install-deps: done"
fi

# npm ci installs exactly what tests/tools/package-lock.json records (with its integrity hashes);
# npm leaves its own copy of the lock in node_modules, so an unchanged lock means nothing to do.
tools="$(dirname "$0")/../tests/tools"
if ! cmp -s "$tools/package-lock.json" "$tools/node_modules/.package-lock.json.installed" 2>/dev/null; then
  echo "install-deps: npm ci in tests/tools"
  npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error >/dev/null
  cp "$tools/package-lock.json" "$tools/node_modules/.package-lock.json.installed"
fi
