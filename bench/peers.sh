#!/usr/bin/env bash
# hwcheck beside its peers, measured in one run on this machine (these machines are noisy: read the ratios),
# then its cost on generated machines with 10, 100 and 1,000 disks and NICs.
#   bench/peers.sh                            RUNS=200 by default (lshw: RUNS/10)
#   BASELINE=/path/to/old/hwcheck bench/peers.sh   the same run with an older build beside it ("before")
# Prints median wall time, peak RSS (largest of 20 runs) and ratios; the scaling runs go through --sysroot and,
# as root, through the live path in a mount namespace. Targets (issue 6): hwcheck --json
# <= 2.5x lsblk wall (issue 12; aiming at 1.5x), >= 10x faster than lshw, peak RSS <= 15 MiB, cost growing roughly
# linearly with size. hwcheck is the dist binary: the static-stdlib release build, stripped as scripts/dist.sh
# strips it. With valgrind installed it also prints instruction counts (callgrind) of --json and --version:
# unlike wall times on a shared machine, they repeat; so do the system calls (strace -c, when installed) and
# minor page faults of one run of hwcheck --json and lsblk.
# Installs lsblk (util-linux), dmidecode, lshw, hyperfine and GNU time through scripts/deps.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh hyperfine time lshw dmidecode
# The dist build (scripts/dist.sh): its own scratch folder, so a dynamically linked release build in .build is
# never taken for it.
swift build -c release --static-swift-stdlib --disable-local-rpath --scratch-path .build-dist --product hwcheck >&2
runs=${RUNS:-200}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cp .build-dist/release/hwcheck "$out/hwcheck" && strip "$out/hwcheck"
hw=$out/hwcheck
baseline=${BASELINE:-}

commands=(
  "hwcheck --json|$hw --json"
  "hwcheck --version|$hw --version"
  "hwcheck --sysroot desktop --json|$hw --sysroot fixtures/desktop-sata-nvme/root --json"
  "lsblk -J -o NAME,SERIAL,RM|lsblk -J -o NAME,SERIAL,RM"
  "dmidecode -s system-serial-number|dmidecode -s system-serial-number"
)
if [ -n "$baseline" ]; then
  commands+=("before: hwcheck --json|$baseline --json" "before: hwcheck --version|$baseline --version")
fi
args=()
for entry in "${commands[@]}"; do args+=(-n "${entry%%|*}" "${entry#*|}"); done
hyperfine -N -i --warmup 20 --runs "$runs" --export-json "$out/fast.json" "${args[@]}" >/dev/null 2>&1
hyperfine -N -i --warmup 3 --runs $((runs / 10 > 5 ? runs / 10 : 5)) --export-json "$out/lshw.json" \
  -n "lshw -json -class disk -class network" "lshw -json -class disk -class network" >/dev/null 2>&1

peak_rss() {  # KiB, the largest of 20 runs
  local max=0 value
  for _ in $(seq 20); do
    value=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1)
    [ "$value" -gt "$max" ] && max=$value
  done
  echo "$max"
}
{
  for entry in "${commands[@]}" "lshw -json -class disk -class network|lshw -json -class disk -class network"; do
    # shellcheck disable=SC2086
    echo "${entry%%|*}|$(peak_rss ${entry#*|})"
  done
} > "$out/rss.txt"

# Scaling: generated machines (fixtures/build_hostile.py --many N), replayed with --sysroot.
scale_args=()
for n in 10 100 1000; do
  python3 fixtures/build_hostile.py --many "$n" "$out/many-$n"
  scale_args+=(-n "$n" "$hw --sysroot $out/many-$n/root --json")
  echo "scale $n|$(peak_rss "$hw" --sysroot "$out/many-$n/root" --json)" >> "$out/rss.txt"
done
hyperfine -N -i --warmup 2 --runs 20 --export-json "$out/scale.json" "${scale_args[@]}" >/dev/null 2>&1
# The same machines through the live path (libudev, the kernel resolving links), as root: in a private mount
# namespace each machine's sys/, run/udev/ and pci.ids folder are bind-mounted over the host's (Tests: Harness.live).
if [ "$(id -u)" -eq 0 ]; then
  for n in 10 100 1000; do
    FIX="$out/many-$n/root" OUT="$out/live-$n.json" HW="$hw" unshare --mount --net sh -c '
      mount --make-rprivate /; mount -t tmpfs tmpfs /run; mkdir -p /run/udev
      mount --bind "$FIX/run/udev" /run/udev; mount --bind "$FIX/usr/share/misc" /usr/share/misc; mount --bind "$FIX/sys" /sys
      SYSTEMD_DEVICE_VERIFY_SYSFS=0 exec hyperfine -N -i --warmup 2 --runs 10 --export-json "$OUT" "$HW --json"' >/dev/null 2>&1
  done
fi

# Instructions, which repeat where wall times do not: callgrind's total (Ir) of one run each.
if command -v valgrind >/dev/null; then
  for entry in "hwcheck --json|$hw --json" "hwcheck --version|$hw --version" \
               ${baseline:+"before: hwcheck --json|$baseline --json" "before: hwcheck --version|$baseline --version"}; do
    # shellcheck disable=SC2086
    valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" ${entry#*|} >/dev/null 2>&1 || true
    echo "${entry%%|*}|$(sed -n 's/^summary: //p' "$out/cg.out")"
  done > "$out/instructions.txt"
fi

# System calls (strace -c -f, total) and minor page faults (GNU time %R) of one run each: they repeat too.
for entry in "hwcheck --json|$hw --json" "lsblk -J -o NAME,SERIAL,RM|lsblk -J -o NAME,SERIAL,RM" \
             ${baseline:+"before: hwcheck --json|$baseline --json"}; do
  calls=""
  if command -v strace >/dev/null; then
    # shellcheck disable=SC2086
    strace -c -f -o "$out/strace.txt" ${entry#*|} >/dev/null 2>&1 || true
    calls=$(awk '$NF == "total" { print $4 }' "$out/strace.txt")
  fi
  # shellcheck disable=SC2086
  faults=$(/usr/bin/time -f %R ${entry#*|} 2>&1 >/dev/null | tail -n 1) || true  # hwcheck exits 1 or 2 on a failing machine
  echo "${entry%%|*}|${calls:-0}|$faults"
done > "$out/calls.txt"

python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
results = {}
for name in ("fast", "lshw"):
    for r in json.load(open(f"{out}/{name}.json"))["results"]:
        results[r["command"]] = r
rss = dict(line.rstrip("\n").rsplit("|", 1) for line in open(f"{out}/rss.txt"))
lsblk = results["lsblk -J -o NAME,SERIAL,RM"]["median"]
lshw = results["lshw -json -class disk -class network"]["median"]
lsblk_min = results["lsblk -J -o NAME,SERIAL,RM"]["min"]
# The fastest run beside the median: other work on a shared machine only ever adds time, so the minimum moves
# less with the load than the median does.
print(f"{'command':38} {'median ms':>10} {'x lsblk':>8} {'min ms':>8} {'x lsblk':>8} {'peak RSS MiB':>13}")
for name, r in results.items():
    print(f"{name:38} {r['median']*1000:10.2f} {r['median']/lsblk:8.2f} {r['min']*1000:8.2f} {r['min']/lsblk_min:8.2f} {int(rss[name])/1024:13.1f}")
hw = results["hwcheck --json"]["median"]
peak = int(rss["hwcheck --json"]) / 1024
print()
print(f"hwcheck --json / lsblk = {hw/lsblk:.2f}   (target <= 2.5, aiming at 1.5: {'met' if hw/lsblk <= 2.5 else 'NOT met'}; fastest runs: {results['hwcheck --json']['min']/lsblk_min:.2f})")
print(f"lshw / hwcheck --json  = {lshw/hw:.1f}   (target >= 10: {'met' if lshw/hw >= 10 else 'NOT met'})")
print(f"hwcheck --json peak RSS = {peak:.1f} MiB   (target <= 15: {'met' if peak <= 15 else 'NOT met'})")
if "before: hwcheck --json" in results:
    before = results["before: hwcheck --json"]["median"]
    before_min = results["before: hwcheck --json"]["min"]
    print(f"before: hwcheck --json / lsblk = {before/lsblk:.2f}   (same run; after / before = {hw/before:.2f}; fastest runs: {before_min/lsblk_min:.2f}, {results['hwcheck --json']['min']/before_min:.2f})")
print()
import os
if os.path.exists(f"{out}/instructions.txt"):
    print(f"{'instructions (callgrind)':38} {'Ir':>14}")
    for line in open(f"{out}/instructions.txt"):
        name, count = line.rstrip("\n").rsplit("|", 1)
        print(f"{name:38} {int(count or 0):14,}")
    print()
print(f"{'system calls, page faults':38} {'calls':>14} {'minor faults':>13}")
for line in open(f"{out}/calls.txt"):
    name, calls, faults = line.rstrip("\n").rsplit("|", 2)
    print(f"{name:38} {int(calls or 0):14,} {int(faults or 0):13,}")
print()
print(f"{'disks+NICs':>10} {'--sysroot ms':>13} {'ms per 100':>11} {'peak RSS MiB':>13} {'live ms':>9} {'ms per 100':>11}")
scale = {r["command"]: r for r in json.load(open(f"{out}/scale.json"))["results"]}
live = {n: json.load(open(f"{out}/live-{n}.json"))["results"][0]["median"]
        for n in ("10", "100", "1000") if os.path.exists(f"{out}/live-{n}.json")}
base = scale["10"]["median"]
for n in ("10", "100", "1000"):
    m = scale[n]["median"]
    per = (m - base) / (int(n) - 10) * 100 * 1000 if n != "10" else float("nan")
    lm = live.get(n, float("nan"))
    lper = (lm - live["10"]) / (int(n) - 10) * 100 * 1000 if n != "10" and "10" in live else float("nan")
    print(f"{n:>10} {m*1000:13.2f} {per:11.2f} {int(rss['scale ' + n])/1024:13.1f} {lm*1000:9.2f} {lper:11.2f}")
PY
