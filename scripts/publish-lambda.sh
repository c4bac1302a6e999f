#!/usr/bin/env bash
# Publishes the processor as the Lambda `bootstrap` for the provided.al2023 runtime, and zips it.
#
#   bash scripts/publish-lambda.sh [outdir]        (default outdir: artifacts/lambda)
#
# Leaves outdir/bootstrap (the executable) and outdir/bootstrap.zip (what Lambda takes: `bootstrap` at the root,
# mode 0755). The route is Native AOT on net10.0: one self-contained native executable, no JIT at start
# (docs/processor.md has the cold-start figures behind that choice). It needs clang (this script installs it with apt-get
# when run as root). Settings, by environment:
#   LAMBDA_RUNTIME=linux-x64|linux-arm64  the runtime identifier (default linux-x64; Native AOT does not
#                                         cross-compile to another architecture, so build arm64 on arm64)
#   LAMBDA_ROUTE=aot|r2r                  aot (default), or r2r: self-contained, trimmed ReadyToRun (the fallback,
#                                         for a machine without clang; slower to start, see docs/processor.md)
# The exact publish command is printed before it runs.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-artifacts/lambda}"
runtime="${LAMBDA_RUNTIME:-linux-x64}"
route="${LAMBDA_ROUTE:-aot}"
case "$route" in
  aot) route_args=(-p:PublishAot=true) ;;
  r2r) route_args=(-p:PublishAot=false -p:PublishTrimmed=true -p:PublishReadyToRun=true) ;;
  *) echo "publish-lambda: LAMBDA_ROUTE must be aot or r2r, not '$route'" >&2; exit 2 ;;
esac
if [ "$route" = aot ] && ! command -v clang >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "publish-lambda: installing clang (Native AOT links with it)" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang >/dev/null) || true
fi
if [ "$route" = aot ] && ! command -v clang >/dev/null 2>&1; then
  echo "publish-lambda: Native AOT links with clang, which is missing: apt-get install -y clang (or LAMBDA_ROUTE=r2r)" >&2
  exit 1
fi

publish_dir="$(mktemp -d "${TMPDIR:-/tmp}/filepipeline-lambda-XXXXXX")"
trap 'rm -rf "$publish_dir"' EXIT
command=(dotnet publish Processor/Processor.csproj -c Release -r "$runtime" --self-contained true "${route_args[@]}" -o "$publish_dir" -nologo)
echo "${command[*]}"
"${command[@]}"

mkdir -p "$out"
rm -f "$out/bootstrap" "$out/bootstrap.zip"
# outdir gets what the process loads, as Lambda lays it out: the executable as `bootstrap` and, for r2r, the
# assemblies beside it (no symbols, no XML docs); the zip holds the same, with the Unix mode that Lambda reads.
python3 - "$publish_dir" "$out" <<'PY'
import os, shutil, sys, zipfile
publish_dir, out = sys.argv[1], sys.argv[2]
skip = (".pdb", ".dbg", ".xml")
with zipfile.ZipFile(os.path.join(out, "bootstrap.zip"), "w", zipfile.ZIP_DEFLATED) as archive:
    for root, _, files in os.walk(publish_dir):
        for name in sorted(files):
            path = os.path.join(root, name)
            relative = os.path.relpath(path, publish_dir)
            if name.endswith(skip):
                continue
            executable = relative == "FilePipeline.Processor"
            target = "bootstrap" if executable else relative
            os.makedirs(os.path.dirname(os.path.join(out, target)) or out, exist_ok=True)
            shutil.copyfile(path, os.path.join(out, target))
            os.chmod(os.path.join(out, target), 0o755 if executable else 0o644)
            info = zipfile.ZipInfo(target)
            info.external_attr = (0o100755 if executable else 0o100644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as source:
                archive.writestr(info, source.read())
PY
echo "bootstrap: $out/bootstrap ($(du -h "$out/bootstrap" | cut -f1)), package: $out/bootstrap.zip ($(du -h "$out/bootstrap.zip" | cut -f1))"
