#!/usr/bin/env bash
# Runs every test: .NET (xunit, the cluster tests on real PostgreSQL and RabbitMQ included), SDK and
# dashboard unit tests (Vitest), browser tests (Vitest +
# playwright-core driving Debian's Chromium). Installs what the tests need when it is missing.
set -euo pipefail
cd "$(dirname "$0")"
# Plain output, so the closing lines of each runner can be read and summed.
export NO_COLOR=1 FORCE_COLOR=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

summary=()

install_prerequisites() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "== installing chromium (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  # The storage tests start their own PostgreSQL clusters with the package's initdb and pg_ctl
  # (tests/SessionKit.Testing/PrivatePostgresCluster.cs) and never use the Debian one: only the
  # binaries matter, so a package script that cannot start that cluster (policy-rc.d) does not fail here.
  if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    echo "== installing postgresql (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || true
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || { echo "postgresql did not install"; exit 1; }
  fi
  # The cluster tests start their own RabbitMQ node (tests/SessionKit.Testing/RabbitMqServer.cs) from the
  # package's scripts; the Debian service itself is not used.
  if [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
    echo "== installing rabbitmq-server (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null || true
    [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || { echo "rabbitmq-server did not install"; exit 1; }
  fi
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "== installing npm packages (npm ci)"
    npm ci --no-audit --no-fund
  fi
}

# Adds "passed failed" counts read from a runner's closing lines to the summary.
count() {
  local name=$1 log=$2 pattern_passed pattern_failed filter
  if [ "$name" = dotnet ]; then
    filter='/Total: +[0-9]+/'; pattern_passed='Passed: +[0-9]+'; pattern_failed='Failed: +[0-9]+'
  else
    filter='/^ +Tests +[0-9]/'; pattern_passed='[0-9]+ passed'; pattern_failed='[0-9]+ failed'
  fi
  summary+=("$(awk -v pp="$pattern_passed" -v pf="$pattern_failed" "$filter"' {
      if (match($0, pp)) { t = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", t); p += t }
      if (match($0, pf)) { t = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", t); f += t }
    } END { print p + 0, f + 0 }' "$log")")
}

run() {
  local name=$1; shift
  local log
  log=$(mktemp)
  echo "== $*"
  if "$@" 2>&1 | tee "$log"; then
    count "$name" "$log"
  else
    count "$name" "$log"
    print_summary
    echo "FAILED: $*"
    exit 1
  fi
}

print_summary() {
  local p=0 f=0 line
  for line in "${summary[@]}"; do
    set -- $line
    p=$((p + $1)); f=$((f + $2))
  done
  echo "$p passed, $f failed"
}

install_prerequisites

# Building the server also builds the SDK and dashboard with npm (see src/Api/SessionKit.Api.csproj).
echo "== dotnet build"
dotnet build SessionKit.sln -c Release -nologo -v quiet
run dotnet dotnet test SessionKit.sln -c Release --no-build --nologo
run vitest npm test -w sdk-js
run vitest npm test -w src/Dashboard
run vitest npm test -w tests/browser
print_summary
