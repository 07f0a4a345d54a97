#!/usr/bin/env bash
# Fleet throughput: generates COUNT synthetic reports (default 1,000,000; bench/generate_reports.py, ~3 KB each,
# compact JSON lines), then times `hwcheck fleet` and `hwcheck fleet import` on them with GNU time, printing
# reports per second and peak RSS. Needs ~3 GB for the reports and ~5 GB for the database per million, under
# BENCH_DIR (default: a new directory in /tmp, removed afterwards unless KEEP=1).
#   bench/fleet.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-1000000}"
scripts/deps.sh time
swift build -c release --product hwcheck >&2
hwcheck="$PWD/.build/release/hwcheck"
dir="${BENCH_DIR:-$(mktemp -d /tmp/hwcheck-bench.XXXXXX)}"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$dir"' EXIT
reports="$dir/reports.jsonl"
if [ ! -s "$reports" ]; then
  echo "generating $count reports in $reports" >&2
  python3 bench/generate_reports.py "$count" > "$reports"
fi
lines=$(wc -l < "$reports")
size=$(du -h "$reports" | cut -f1)

measure() {  # name command...: prints "name: N reports in S s = R reports/s, peak RSS M MiB"
  local name="$1"; shift
  local timing="$dir/time.$name"
  /usr/bin/time -f "%e %M" -o "$timing" "$@" > "$dir/out.$name"
  read -r seconds kilobytes < "$timing"
  awk -v n="$lines" -v s="$seconds" -v k="$kilobytes" -v name="$name" \
    'BEGIN { printf "%-7s %d reports in %.2f s = %.0f reports/s, peak RSS %.0f MiB\n", name, n, s, n / s, k / 1024 }'
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); input: $lines reports, $size"
measure fleet "$hwcheck" fleet "$reports" --format json
rm -f "$dir/fleet.db" "$dir/fleet.db-wal" "$dir/fleet.db-shm"
measure import "$hwcheck" fleet import --db "$dir/fleet.db" "$reports"
measure reimport "$hwcheck" fleet import --db "$dir/fleet.db" "$reports"
echo "database: $(du -h "$dir/fleet.db" | cut -f1)"
head -c 300 "$dir/out.fleet"; echo " …"
