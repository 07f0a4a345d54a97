#!/usr/bin/env bash
# What --sysroot costs as a machine grows (issue 12): the seed fixture (fixtures/desktop-sata-nvme, the one
# bench/peers.sh replays) against generated machines with 100 disks + 100 NICs and 1,000 + 1,000
# (fixtures/build_hostile.py --many N), the first two in one hyperfine run so their ratio is fair.
#   bench/sysroot.sh          RUNS=50 by default (the 1,000 machine: RUNS/10, at least 5)
# Targets: 100 + 100 costs at most 6 x the seed fixture; beyond that the cost grows linearly (1,000 + 1,000
# costs about 10 x 100 + 100; the script prints the ratio, target <= 11). With valgrind installed it also
# prints both ratios in instructions (callgrind), which a busy machine does not disturb.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh hyperfine
swift build -c release --static-swift-stdlib --product hwcheck >&2
hw=$PWD/.build/release/hwcheck
runs=${RUNS:-50}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for n in 100 1000; do python3 fixtures/build_hostile.py --many "$n" "$out/many-$n"; done
hyperfine -N -i --warmup 3 --runs "$runs" --export-json "$out/small.json" \
  -n seed "$hw --sysroot fixtures/desktop-sata-nvme/root --json" \
  -n 100 "$hw --sysroot $out/many-100/root --json" >/dev/null 2>&1
hyperfine -N -i --warmup 1 --runs $((runs / 10 > 5 ? runs / 10 : 5)) --export-json "$out/large.json" \
  -n 1000 "$hw --sysroot $out/many-1000/root --json" >/dev/null 2>&1

# Instruction counts (callgrind): repeatable where wall times are not (a VM shared with other builds).
if command -v valgrind >/dev/null 2>&1; then
  for n in seed 100 1000; do
    root=$out/many-$n/root; [ "$n" = seed ] && root=fixtures/desktop-sata-nvme/root
    valgrind --tool=callgrind --callgrind-out-file="$out/cg-$n" "$hw" --sysroot "$root" --json >/dev/null 2>&1
    callgrind_annotate "$out/cg-$n" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }' > "$out/ir-$n"
  done
fi

python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
median = {r["command"]: r["median"] for name in ("small", "large") for r in json.load(open(f"{out}/{name}.json"))["results"]}
print(f"{'--sysroot machine':22} {'median ms':>10}")
for name, label in (("seed", "seed (desktop-sata-nvme)"), ("100", "100 disks + 100 NICs"), ("1000", "1000 disks + 1000 NICs")):
    print(f"{label:24} {median[name] * 1000:8.2f}")
grow = median["100"] / median["seed"]
linear = median["1000"] / median["100"]
print()
print(f"100 + 100 / seed    = {grow:.1f} x   (target <= 6: {'met' if grow <= 6 else 'NOT met'})")
print(f"1000 + 1000 / 100 + 100 = {linear:.1f} x   (linear is about 10, target <= 11: {'met' if linear <= 11 else 'NOT met'})")
if os.path.exists(f"{out}/ir-1000"):
    ir = {n: int(open(f"{out}/ir-{n}").read()) for n in ("seed", "100", "1000")}
    print()
    print(f"instructions: seed {ir['seed'] / 1e6:.1f}M, 100 + 100 {ir['100'] / 1e6:.1f}M, 1000 + 1000 {ir['1000'] / 1e6:.1f}M")
    grow, linear = ir["100"] / ir["seed"], ir["1000"] / ir["100"]
    print(f"100 + 100 / seed    = {grow:.1f} x instructions   (target <= 6: {'met' if grow <= 6 else 'NOT met'})")
    print(f"1000 + 1000 / 100 + 100 = {linear:.1f} x instructions   (target <= 11: {'met' if linear <= 11 else 'NOT met'})")
PY
