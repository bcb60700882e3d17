#!/usr/bin/env bash
# Installs every Debian package that tenki's build, tests, lint, benchmarks and CI need, then the
# test-only npm tools of tests/tools (redocly, ajv, axe-core) at the versions its lock file pins.
# Idempotent and quiet: when nothing is missing it prints nothing and changes nothing.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ make pkg-config git
  libcli11-dev libcurl4-openssl-dev nlohmann-json3-dev libfmt-dev libexpected-dev
  libboost1.81-dev libhiredis-dev libtomlplusplus-dev catch2 zlib1g-dev libbrotli-dev
  # lint, coverage, hooks, docs
  clang-format clang-tidy cppcheck gcovr pre-commit python3-yaml man-db groff-base zsh fish
  # bash's completion loader, which finds completions/tenki.bash once installed
  bash-completion
  # packaging: make deb (CPack runs dpkg-shlibdeps) and its lintian check in the integration tier
  dpkg-dev lintian
  # integration and web tiers: real servers and a real browser
  curl redis-server nginx-light chromium chromium-driver fonts-liberation
  # deploy checks: docker-compose config (no Docker engine needed), systemd-analyze verify
  docker-compose systemd
  # benchmarks, sanitizers and fuzzing
  wrk hyperfine valgrind clang libclang-rt-14-dev h2o
)
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
