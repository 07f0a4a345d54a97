#!/usr/bin/env bash
# Sets up and runs the whole test suite: unit tests, every fixture's expected reports, the live libudev
# parity test (mount namespaces: run as root) and the non-root test (setpriv, from util-linux).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build --build-tests
swift test --skip-build "$@"
