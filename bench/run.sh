#!/usr/bin/env bash
# Runs every benchmark against a Release build of the server and writes the results into
# docs/performance.md. Numbers are only comparable on a quiet machine: stop other work first.
#
#   bench/run.sh            live latency with 100 sessions (3 runs) and 1,000 sessions (1 run)
#   bench/run.sh --quick    CI smoke run: 10 sessions, a few seconds, nothing written; fails
#                           when an event is lost, duplicated or out of order
#
# Other arguments replace the defaults and go to the bench app (its options are listed in
# bench/SessionKit.Bench/BenchOptions.cs), e.g. bench/run.sh --sessions 500 --runs 1 --measure 30.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The live benchmark needs the server only, not the dashboard: skip the npm build.
dotnet build bench/SessionKit.Bench/SessionKit.Bench.csproj -c Release -p:SkipFrontEndBuild=true -nologo -v quiet
bench=bench/SessionKit.Bench/bin/Release/net10.0/SessionKit.Bench.dll

if [ $# -gt 0 ]; then
  exec dotnet "$bench" live "$@"
fi

exec dotnet "$bench" live --sessions 100,1000 --runs 3,1 --doc docs/performance.md --command "bench/run.sh"
