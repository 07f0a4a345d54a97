#!/usr/bin/env bash
# Start-up cost of hwcheck beside its peers, measured in one run (these machines are noisy: read the ratios).
# Prints median wall time, peak RSS, and hwcheck's ratio to lsblk. Targets (issue "hwcheck core"):
# hwcheck --json <= 1.5x lsblk -J -o NAME,SERIAL,RM, peak RSS <= 15 MiB.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh hyperfine time
swift build -c release --static-swift-stdlib --product hwcheck >&2
hw=.build/release/hwcheck
fixture=fixtures/desktop-sata-nvme/root
runs=${RUNS:-200}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

hyperfine -N --warmup 20 --runs "$runs" --export-json "$out/times.json" \
  -n "hwcheck --json" "$hw --json" \
  -n "hwcheck --sysroot fixture --json" "$hw --sysroot $fixture --json" \
  -n "lsblk -J -o NAME,SERIAL,RM" "lsblk -J -o NAME,SERIAL,RM" \
  -i >/dev/null 2>&1 || true

peak_rss() {  # KiB, the largest of 20 runs
  local max=0 value
  for _ in $(seq 20); do
    value=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1)
    [ "$value" -gt "$max" ] && max=$value
  done
  echo "$max"
}
rss_hw=$(peak_rss "$hw" --json)
rss_fixture=$(peak_rss "$hw" --sysroot "$fixture" --json)
rss_lsblk=$(peak_rss lsblk -J -o NAME,SERIAL,RM)

python3 - "$out/times.json" "$rss_hw" "$rss_fixture" "$rss_lsblk" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
rss = dict(zip(["hwcheck --json", "hwcheck --sysroot fixture --json", "lsblk -J -o NAME,SERIAL,RM"], map(int, sys.argv[2:5])))
base = results["lsblk -J -o NAME,SERIAL,RM"]["median"]
print(f"{'command':36} {'median ms':>10} {'x lsblk':>8} {'peak RSS MiB':>13}")
for name, r in results.items():
    print(f"{name:36} {r['median']*1000:10.2f} {r['median']/base:8.2f} {rss[name]/1024:13.1f}")
hw = results["hwcheck --json"]["median"] / base
print(f"\nhwcheck --json / lsblk = {hw:.2f} (target <= 1.5); peak RSS {rss['hwcheck --json']/1024:.1f} MiB (target <= 15)")
PY
