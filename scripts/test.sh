#!/usr/bin/env bash
# Sets up and runs the whole test suite: unit tests, every fixture's expected reports, the live libudev
# parity test (mount namespaces: run as root) and the non-root test (setpriv, from util-linux).
#   scripts/test.sh [ARGS...]           debug build in .build/, `swift test ARGS`
#   scripts/test.sh --asan [ARGS...]    the same under AddressSanitizer (and LeakSanitizer) in .build-asan/:
#                                       every module, the hwcheck binary the end-to-end tests run included
set -euo pipefail
cd "$(dirname "$0")/.."
# zsh and fish: the completion scripts hwcheck prints are parsed by the shells they are for.
scripts/deps.sh zsh fish
if [ "${1:-}" = "--asan" ]; then
  shift
  # gold warns once per ASan outlined check it cannot export ("Cannot export local symbol '__asan_check_…'"),
  # hundreds of harmless lines per link: they are dropped, any other warning still shows.
  swift build --build-tests -Xswiftc -sanitize=address --scratch-path .build-asan 2>&1 \
    | sed -u "/warning: Cannot export local symbol '__asan_/d"
  # Suppressions cover the toolchain's test runner only (XCTest, Foundation.Process): see the file.
  export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan.supp:print_suppressions=0"
  swift test --skip-build --disable-xctest --scratch-path .build-asan "$@"
  exit
fi
swift build --build-tests
# Every test is a Swift Testing test: the XCTest runner would only report "Executed 0 tests".
swift test --skip-build --disable-xctest "$@"
