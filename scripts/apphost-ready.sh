#!/usr/bin/env bash
# Measures the time from `dotnet run --project AppHost` to the AppHost's "FilePipeline is ready" line (every
# resource healthy), then stops the AppHost with SIGTERM and waits for it to exit.
# Usage: bash scripts/apphost-ready.sh [--build] [extra AppHost arguments]
#   --build  measure a first run with its build (default: Release, already built: --no-build).
set -euo pipefail
cd "$(dirname "$0")/.."
build=(--no-build)
if [ "${1:-}" = "--build" ]; then build=(); shift; fi
log=$(mktemp)
start=$(date +%s%N)
dotnet run --project AppHost -c Release "${build[@]}" -- --state-file "" "$@" >"$log" 2>&1 &
pid=$!
status=1
for _ in $(seq 1 6000); do   # at most 10 minutes
  if grep -q "FilePipeline is ready" "$log"; then
    echo "command -> ready: $(( ($(date +%s%N) - start) / 1000000 )) ms (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
    status=0
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "the AppHost exited before it was ready:"; tail -20 "$log"; break; fi
  sleep 0.1
done
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
rm -f "$log"
exit $status
