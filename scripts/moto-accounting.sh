#!/usr/bin/env bash
# Runs one command (a benchmark run) with moto_server replaced by Tests/Benchmarks/tools/moto_accounting.py: moto's
# request threads' CPU per kind of request, one table per fresh stack (phase), printed at the end.
#   bash scripts/moto-accounting.sh dotnet run -c Release --project Tests/Benchmarks -- e2e --workers 1
set -euo pipefail
if [ $# -eq 0 ]; then
    echo "usage: bash scripts/moto-accounting.sh COMMAND [ARGS...]" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
python=$(command -v python3) || { echo "moto-accounting: python3 is not on PATH" >&2; exit 1; }
"$python" -c "import moto.server" 2>/dev/null || { echo "moto-accounting: this python3 has no moto (bash scripts/prerequisites.sh installs it)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
printf '#!/bin/sh\nexec %s %s "$@"\n' "$python" "$root/Tests/Benchmarks/tools/moto_accounting.py" > "$work/bin/moto_server"
chmod +x "$work/bin/moto_server"
status=0
MOTO_ACCOUNTING_OUT="$work/phase" PATH="$work/bin:$PATH" "$@" || status=$?
phase=0
while [ -f "$work/phase.$phase" ]; do
    echo
    cat "$work/phase.$phase"
    phase=$((phase + 1))
done
exit $status
