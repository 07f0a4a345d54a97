#!/usr/bin/env bash
# The dist binaries on their own (scripts/dist-check.sh [DIST_DIR], default dist):
#  1. their checksums match SHA256SUMS;
#  2. their NEEDED entries (readelf -d) name only libraries a Debian live system has — no Swift runtime — and
#     they carry no RUNPATH/RPATH but $ORIGIN (one into the toolchain would hide a missing static link here);
#  3. copied to an empty folder and run in a private mount namespace with the Swift toolchain's directory hidden
#     under an empty one (unshare -m; as in a live USB), hwcheck reports a fixture byte for byte as the test build
#     does and finds hwcheck-inventory beside itself for `fleet import`;
#  4. the man page renders (man -l): examples and exit-code rows on lines of their own, none over 80 columns.
# Any failure is exit 1 with one line saying which. DIST_CHECK_STEPS="needed run man" picks the steps (the test
# suite plants a dynamically linked binary and checks that each step alone fails it: DistCheckTests).
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-dist}
steps=${DIST_CHECK_STEPS:-needed run man}
fail() { echo "dist-check: $*" >&2; exit 1; }
[ -x "$dist/bin/hwcheck" ] && [ -x "$dist/bin/hwcheck-inventory" ] || fail "$dist/bin has no hwcheck and hwcheck-inventory (make dist)"
(cd "$dist/bin" && sha256sum --quiet -c SHA256SUMS) || fail "$dist/bin does not match its SHA256SUMS"

# What a Debian live system has (libc6, libstdc++6, libgcc-s1, zlib1g, libudev1, libpci3, libsqlite3-0).
allowed='^(libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|libutil\.so\.1|ld-linux-[a-z0-9_-]+\.so\.[0-9]+|libstdc\+\+\.so\.6|libgcc_s\.so\.1|libz\.so\.1|libudev\.so\.1|libpci\.so\.3|libsqlite3\.so\.0)$'
if [[ " $steps " == *" needed "* ]]; then
  for binary in hwcheck hwcheck-inventory; do
    # Read into a variable first: a pipe into grep -q under pipefail can die of SIGPIPE and skip the check.
    dynamic=$(readelf -d "$dist/bin/$binary") || fail "$binary: readelf failed (not an ELF file?)"
    needed=$(sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' <<<"$dynamic")
    [ -n "$needed" ] || fail "$binary: no NEEDED entries (not a dynamically linked ELF executable?)"
    foreign=$(grep -Ev "$allowed" <<<"$needed" || true)
    [ -z "$foreign" ] || fail "$binary needs libraries a live system lacks: $(tr '\n' ' ' <<<"$foreign")"
    # $ORIGIN (the binary's own folder, which SwiftPM always adds) is harmless; a path into the toolchain is not.
    runpath=$(sed -n 's/.*(\(RUNPATH\|RPATH\)).*\[\(.*\)\]/\2/p' <<<"$dynamic")
    [ -z "$runpath" ] || [ "$runpath" = '$ORIGIN' ] || fail "$binary has a RUNPATH/RPATH beyond \$ORIGIN: $runpath"
  done
fi

if [[ " $steps " == *" run "* ]]; then
  swift=$(command -v swift || true)
  [ -n "$swift" ] || fail "no swift on PATH: cannot tell which directory to hide"
  toolchain=$(readlink -f "$swift"); toolchain=${toolchain%/usr/bin/*}
  [ -d "$toolchain" ] && [ "$toolchain" != / ] || fail "cannot find the toolchain directory from $swift"
  here=$(mktemp -d)
  trap 'rm -rf "$here"' EXIT
  mkdir "$here/empty" "$here/run"
  cp "$dist/bin/hwcheck" "$dist/bin/hwcheck-inventory" "$here/run/"
  fixture=$PWD/fixtures/seed-m903g6g4
  namespace=(unshare --mount --propagation private)
  [ "$(id -u)" -eq 0 ] || namespace=(unshare --mount --map-root-user --propagation private)
  # In the namespace: the toolchain hidden, then the fixture checked, the version printed and a report imported.
  status=0
  "${namespace[@]}" env -i PATH=/usr/bin:/bin TOOLCHAIN="$toolchain" EMPTY="$here/empty" RUN="$here/run" \
    FIXTURE="$fixture" /bin/sh -c '
      mount --bind "$EMPTY" "$TOOLCHAIN" || exit 90
      [ -z "$(ls -A "$TOOLCHAIN")" ] || exit 90
      cd "$RUN" || exit 90
      code=0; ./hwcheck --sysroot "$FIXTURE/root" --json > report.json || code=$?
      [ "$code" -eq "$(cat "$FIXTURE/expected/exit-code")" ] || { echo "hwcheck exited $code" >&2; exit 91; }
      ./hwcheck --version >/dev/null || exit 92
      ./hwcheck fleet import --db fleet.db report.json >/dev/null || exit 93
    ' || status=$?
  case $status in
    0) ;;
    90) fail "could not hide the toolchain ($toolchain) in a private mount namespace (needs root or user namespaces)" ;;
    *) fail "the binaries do not run with the toolchain ($toolchain) hidden (step exit $status)" ;;
  esac
  cmp -s "$here/run/report.json" "$fixture/expected/report.json" || fail "the report differs from $fixture/expected/report.json"
fi
# The man page renders: examples and exit-code rows on lines of their own, nothing lost (man -l, 80 columns).
if [[ " $steps " == *" man "* ]]; then
  page=$dist/share/man/man1/hwcheck.1
  [ -s "$page" ] || fail "no man page at $page"
  rendered=$(MANWIDTH=80 man -l "$page" 2>/dev/null | col -bx) || fail "man -l $page failed"
  for row in '^ *74  output error: the report could not be written$' '^ *hwcheck trace failed.csv --reports reports/$' \
             '^ *records -> devices$' '^ *66  records file missing, or no --reports input exists$'; do
    grep -Eq -- "$row" <<<"$rendered" || fail "the man page does not render the line matching $row"
  done
  # Characters, not bytes (mawk counts bytes: "…" is three): bash counts characters in a UTF-8 locale.
  long=$(LC_ALL=C.UTF-8 bash -c 'while IFS= read -r line; do [ "${#line}" -le 80 ] || printf "%s\n" "$line"; done' <<<"$rendered")
  [ -z "$long" ] || fail "man page lines over 80 columns: $long"
fi
echo "dist-check: $(stat -c %s "$dist/bin/hwcheck") bytes, no Swift runtime needed, runs with $steps checked"
