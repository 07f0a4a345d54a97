#!/usr/bin/env bash
# Installs the Debian packages hwcheck builds, runs and tests with (apt-get update first, as a fresh machine
# needs; strace is for the read-only/offline tests, the sqlite3 shell for the inventory's readability test). Skips apt entirely when everything is already there, so repeated runs cost nothing.
set -euo pipefail
packages=(libudev-dev libpci-dev pci.ids pkg-config util-linux libsqlite3-dev zlib1g-dev sqlite3 strace "$@")
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "swift is not on PATH: install the Swift 6 toolchain (swift.org) first" >&2
  exit 1
fi
