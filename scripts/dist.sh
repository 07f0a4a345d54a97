#!/usr/bin/env bash
# Builds dist/: the release binaries with the Swift runtime linked statically (stripped) — hwcheck, and
# hwcheck-inventory, the SQLite side of the fleet tools that hwcheck runs — their SHA-256 sums (SHA256SUMS),
# the man page and shell completions (both printed by the built hwcheck from its command table).
#
# The static build has its own scratch path, .build-dist: a static build sharing .build with the dynamically
# linked builds of scripts/run.sh may report "complete" without relinking, leaving a dynamically linked binary
# (issue 13). Whatever ran before, .build-dist only ever holds static builds, and scripts/dist-check.sh inspects
# the result anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
date=${1:-2026-11-29}
scripts/deps.sh binutils
scratch=.build-dist
# The static Foundation archive (hwcheck-inventory links it through GRDB) makes the linker warn about its mktemp(3)
# on every link; neither program calls it
# (FileIO uses mkstemp/mkdtemp), so the known line is dropped and any other warning still shows.
quiet_known() { sed -u "/the use of \`mktemp' is dangerous/d" >&2; }
# No RUNPATH (--disable-local-rpath): with the runtime linked in, nothing is looked up beside the binary, and
# SwiftPM's $ORIGIN made the loader try the binary's folder first for each library (~25 failed calls a run).
swift build -c release --static-swift-stdlib --disable-local-rpath --scratch-path "$scratch" --product hwcheck 2>&1 | quiet_known
swift build -c release --static-swift-stdlib --disable-local-rpath --scratch-path "$scratch" --product hwcheck-inventory 2>&1 | quiet_known
rm -rf dist
mkdir -p dist/bin dist/share/man/man1 dist/share/bash-completion/completions dist/share/zsh/site-functions \
  dist/share/fish/vendor_completions.d
cp "$scratch/release/hwcheck" "$scratch/release/hwcheck-inventory" dist/bin/
strip dist/bin/hwcheck dist/bin/hwcheck-inventory
(cd dist/bin && sha256sum hwcheck hwcheck-inventory > SHA256SUMS)
dist/bin/hwcheck --generate-manual "$date" > dist/share/man/man1/hwcheck.1
dist/bin/hwcheck --generate-completion-script bash > dist/share/bash-completion/completions/hwcheck
dist/bin/hwcheck --generate-completion-script zsh > dist/share/zsh/site-functions/_hwcheck
dist/bin/hwcheck --generate-completion-script fish > dist/share/fish/vendor_completions.d/hwcheck.fish
ls -l dist/bin/hwcheck dist/bin/hwcheck-inventory
cat dist/bin/SHA256SUMS
