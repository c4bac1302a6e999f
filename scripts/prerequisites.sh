#!/usr/bin/env bash
# Checks (and where it can, installs) what building, running and testing FilePipeline needs.
# Prints one clear line per missing piece and exits non-zero if something cannot be had.
set -uo pipefail
missing=0

need() { # need <command> <how to get it>
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "missing: $1 — $2" >&2
    missing=1
  fi
}

need dotnet "install the .NET 10 SDK (global.json pins 10.0.401): https://dot.net"
need python3 "install Python 3 (moto_server runs on it)"
# cfn-lint: the template test runs it (zero findings). Installed with pip where pip is available.
if ! command -v cfn-lint >/dev/null 2>&1; then
  pip_cmd=$(command -v pip3 || command -v pip || true)
  if [ -n "$pip_cmd" ]; then
    echo "installing cfn-lint with $pip_cmd"
    "$pip_cmd" install --quiet cfn-lint >/dev/null 2>&1 || true
    hash -r
  fi
  need cfn-lint 'install the CloudFormation linter: pip install cfn-lint   (the template test runs it; pip was not found or could not install it)'
fi
need moto_server 'install the local AWS emulator: pip install "moto[server]"   (or set AWS_ENDPOINT_URL to a running LocalStack)'

# Debian packages used by some tests (browser tests drive Debian's chromium). Installed when we are root.
# (clang, which only scripts/publish-lambda.sh needs for Native AOT, is checked and installed by that script.)
apt_packages=()
command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
# A CJK font, so the browser test of CJK previews finds one (without any, chromium draws boxes whatever the CSS says).
{ command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family | grep -q .; } || apt_packages+=(fonts-wqy-microhei)
if ((${#apt_packages[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing with apt-get: ${apt_packages[*]}"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null) \
      || { echo "missing: could not apt-get install ${apt_packages[*]}" >&2; missing=1; }
  else
    echo "missing: ${apt_packages[*]} — run: sudo apt-get install -y ${apt_packages[*]}" >&2
    missing=1
  fi
fi

exit $missing
