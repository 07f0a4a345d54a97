#!/usr/bin/env bash
# Sets up, builds (release) hwcheck and hwcheck-inventory (which `fleet import` and `trace --db` run from
# hwcheck's folder) and runs hwcheck on this machine; arguments go to hwcheck.
#   scripts/run.sh               text report        scripts/run.sh --json    JSON report
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
# The static Foundation archive's mktemp(3) makes the linker warn; hwcheck never calls it: that line is dropped.
quiet_known() { sed -u "/the use of \`mktemp' is dangerous/d" >&2; }
swift build -c release --static-swift-stdlib --product hwcheck 2>&1 | quiet_known
swift build -c release --static-swift-stdlib --product hwcheck-inventory 2>&1 | quiet_known
exec .build/release/hwcheck "$@"
