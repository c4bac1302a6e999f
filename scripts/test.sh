#!/usr/bin/env bash
# Runs the whole test suite against a real moto_server and prints "N passed, N failed[, N skipped]".
# Usage: bash scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Sqs]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/prerequisites.sh

results="$PWD/TestResults"
rm -rf "$results"
dotnet build Aspire.sln -c Release -warnaserror -nologo -v:q
set +e
dotnet test Aspire.sln -c Release --no-build --nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" --blame-hang-timeout 10m "$@"
status=$?
set -e

python3 scripts/summarize_trx.py "$results"
exit $status
