#!/usr/bin/env bash
# Runs the benchmarks against a Release build of the server and writes their results into
# docs/performance.md. Numbers are only comparable on a quiet machine: stop other work first.
#
#   bench/run.sh                  every benchmark at full size, each rewriting its section (about 20 minutes)
#   bench/run.sh --quick          CI smoke of every benchmark: small sizes, nothing written; exits 1 when
#                                 any of them finds a correctness failure (lost, duplicated or reordered
#                                 events, a replay without its page, grains miscounting, the SDK sending nothing)
#   bench/run.sh NAME             one benchmark at full size, rewriting its section:
#                                 live | ingest | cluster | storage | grains | sdk | replay | signals
#   bench/run.sh NAME ARGS...     one benchmark with its own options (bench/run.sh NAME --help lists them);
#                                 add --doc docs/performance.md to write its section
#   bench/run.sh load ARGS...     the load generator against any SessionKit servers (see docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

benchmarks=(live ingest cluster storage grains sdk replay signals)
bench=bench/SessionKit.Bench/bin/Release/net10.0/SessionKit.Bench.dll

# The sdk and replay benchmarks need the SDK and the dashboard, which the server's build makes with npm
# (only when their sources changed); the others need the server alone.
case "${1:-all}" in
  live | ingest | cluster | storage | grains | load | signals)
    dotnet build bench/SessionKit.Bench/SessionKit.Bench.csproj -c Release -p:SkipFrontEndBuild=true -nologo -v quiet ;;
  *)
    dotnet build bench/SessionKit.Bench/SessionKit.Bench.csproj -c Release -nologo -v quiet ;;
esac

# The section's full-size defaults, as documented in docs/performance.md.
full_run() {
  local name=$1
  case "$name" in
    live) dotnet "$bench" live --sessions 100,1000 --runs 3,1 --doc docs/performance.md --command "bench/run.sh live" ;;
    *) dotnet "$bench" "$name" --doc docs/performance.md --command "bench/run.sh $name" ;;
  esac
}

if [ $# -eq 0 ]; then
  failed=()
  for name in "${benchmarks[@]}"; do
    echo "== $name"
    full_run "$name" || failed+=("$name")
  done
  [ ${#failed[@]} -eq 0 ] || { echo "FAILED: ${failed[*]}"; exit 1; }
  exit 0
fi

if [ "$1" = "--quick" ]; then
  failed=()
  for name in "${benchmarks[@]}"; do
    echo "== $name --quick"
    start=$SECONDS
    dotnet "$bench" "$name" --quick || failed+=("$name")
    echo "== $name --quick: $((SECONDS - start)) s"
  done
  [ ${#failed[@]} -eq 0 ] || { echo "FAILED: ${failed[*]}"; exit 1; }
  echo "All benchmark smoke runs passed their correctness checks."
  exit 0
fi

name=$1
shift
if [ $# -eq 0 ] && [ "$name" != load ]; then
  full_run "$name"
else
  exec dotnet "$bench" "$name" "$@"
fi
