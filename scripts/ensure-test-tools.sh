#!/usr/bin/env bash
# The tests need a real Chromium (browser and e2e tests) and sox + ffmpeg (independent
# reference meters). On Debian as root we install the missing ones from Debian's
# packages; anywhere else we say exactly what is missing and stop.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
need=()
[ -x "$chromium" ] || need+=(chromium)
command -v sox >/dev/null 2>&1 || need+=(sox)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing test tools from Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Another apt job may hold the lock on a fresh machine: wait for it.
  apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${need[@]}" >/dev/null
else
  echo "Missing test tools: ${need[*]}." >&2
  echo "Install them (Debian/Ubuntu: sudo apt-get install ${need[*]}), or point CHROMIUM_PATH at a Chromium binary." >&2
  exit 1
fi
