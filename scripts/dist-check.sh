#!/usr/bin/env bash
# The dist binary on its own: copied to an empty folder, run with no Swift toolchain in PATH or in its
# library search path, it must report on a recorded machine exactly as the test build does.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(mktemp -d)
trap 'rm -rf "$here"' EXIT
cp dist/bin/hwcheck dist/bin/hwcheck-inventory "$here/"
(cd dist/bin && sha256sum -c SHA256SUMS >/dev/null)
if ldd "$here/hwcheck" "$here/hwcheck-inventory" | grep -q swift; then
  echo "dist-check: the binary still links Swift runtime libraries:" >&2; ldd "$here/hwcheck" >&2; exit 1
fi
fixture=$PWD/fixtures/seed-m903g6g4
status=0
(cd "$here" && env -i PATH=/usr/bin:/bin ./hwcheck --sysroot "$fixture/root" --json > report.json) || status=$?
[ "$status" -eq "$(cat "$fixture/expected/exit-code")" ] || { echo "dist-check: exit $status" >&2; exit 1; }
cmp "$here/report.json" "$fixture/expected/report.json" || { echo "dist-check: report differs" >&2; exit 1; }
env -i PATH=/usr/bin:/bin "$here/hwcheck" --version
# The inventory program is found beside hwcheck.
(cd "$here" && env -i PATH=/usr/bin:/bin ./hwcheck fleet import --db fleet.db report.json >/dev/null)
echo "dist-check: $(stat -c %s dist/bin/hwcheck) bytes, runs without a Swift toolchain, report identical"
