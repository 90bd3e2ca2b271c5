#!/usr/bin/env bash
# The test command (README): builds the solution and runs every test project.
# Installs what the tests need on a fresh machine of this kind (Debian 12 + .NET SDK 10, Node 20 with npm): the
# browser tests drive Debian's Chromium (package chromium); the storage tests run against a real PostgreSQL, so the
# Debian package is installed when missing and a throwaway server is started on loopback in a temporary folder
# for this run (they fail, never skip, without one). The build itself installs the Web Chat widget from npm.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
pgdata=""
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [[ -n "$pgdata" ]]; then
    as_postgres "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop > /dev/null 2>&1 || true
    rm -rf "$pgdata"
  fi
  rm -f "$log"
}
trap cleanup EXIT

sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
packages=()
[[ -x /usr/bin/chromium ]] || packages+=(chromium)
if [[ -z "${MARROWBOT_TEST_POSTGRES:-}" ]] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null; then packages+=(postgresql); fi
if (( ${#packages[@]} )); then
  echo "Installing Debian packages for the tests: ${packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" > /dev/null
fi

if [[ -z "${MARROWBOT_TEST_POSTGRES:-}" ]]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pgdata=$(mktemp -d /tmp/marrowbot-pg-XXXXXX)
  if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$pgdata"; fi
  as_postgres "$pgbin/initdb" -D "$pgdata" -A trust -U postgres -E UTF8 --no-sync > /dev/null
  pgport=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_postgres "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w \
    -o "-k $pgdata -p $pgport -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400" start > /dev/null
  export MARROWBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres"
  echo "PostgreSQL $(basename "$(dirname "$pgbin")") for the tests on 127.0.0.1:$pgport"
fi

dotnet build MarrowBot.sln -c Release --nologo -v quiet
set +e
dotnet test MarrowBot.sln -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line for CI: "N passed, N failed" summed over the test assemblies.
awk '/(Passed|Failed)! +- +Failed: / {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
