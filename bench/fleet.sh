#!/usr/bin/env bash
# Fleet throughput: generates COUNT synthetic reports (default 1,000,000; bench/generate_reports.py, ~3 KB each,
# compact JSON lines), then times `hwcheck fleet` and `hwcheck fleet import` on them with GNU time, printing
# reports per second and peak RSS, the import rate beside issue 12's target (>= 20,000 reports/s) and the
# database's bytes per report. Needs ~3 GB for the reports and ~2.2 GB for the database per million, under
# BENCH_DIR (default: a new directory in /tmp, removed afterwards unless KEEP=1).
#   bench/fleet.sh [COUNT]
#   BASELINE=DIR bench/fleet.sh [COUNT]   also times DIR/hwcheck (a release build of another commit, with its
#                                         hwcheck-inventory beside it) on the same input in the same run, first
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-1000000}"
target=20000
scripts/deps.sh time
swift build -c release --product hwcheck >&2
swift build -c release --product hwcheck-inventory >&2
hwcheck="$PWD/.build/release/hwcheck"
dir="${BENCH_DIR:-$(mktemp -d /tmp/hwcheck-bench.XXXXXX)}"
mkdir -p "$dir"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$dir"' EXIT
reports="$dir/reports.jsonl"
if [ ! -s "$reports" ]; then
  echo "generating $count reports in $reports" >&2
  python3 bench/generate_reports.py "$count" > "$reports"
fi
lines=$(wc -l < "$reports")
size=$(du -h "$reports" | cut -f1)

measure() {  # name command...: prints "name: N reports in S s = R reports/s, peak RSS M MiB"; sets $rate
  local name="$1"; shift
  local timing="$dir/time.$name"
  /usr/bin/time -f "%e %M" -o "$timing" "$@" > "$dir/out.$name"
  read -r seconds kilobytes < "$timing"
  rate=$(awk -v n="$lines" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
  awk -v n="$lines" -v s="$seconds" -v k="$kilobytes" -v name="$name" \
    'BEGIN { printf "%-16s %d reports in %.2f s = %.0f reports/s, peak RSS %.0f MiB\n", name, n, s, n / s, k / 1024 }'
}

imports() {  # label hwcheck: a new database, then all of it again; the rate against the target, bytes per report
  local label="$1" binary="$2" db="$dir/fleet$1.db"
  rm -f "$db" "$db-wal" "$db-shm"
  measure "import$label" "$binary" fleet import --db "$db" "$reports"
  echo "                 import rate $rate reports/s, target >= $target: $([ "$rate" -ge "$target" ] && echo met || echo NOT met)"
  measure "reimport$label" "$binary" fleet import --db "$db" "$reports"
  local bytes
  bytes=$(stat -c %s "$db")
  awk -v b="$bytes" -v n="$lines" -v label="$label" \
    'BEGIN { printf "%-16s %.0f MB, %.0f bytes per report\n", "database" label, b / 1e6, b / n }'
  rm -f "$db" "$db-wal" "$db-shm"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); input: $lines reports, $size"
measure fleet "$hwcheck" fleet "$reports" --format json
[ -z "${BASELINE:-}" ] || imports "-base" "$BASELINE/hwcheck"
imports "" "$hwcheck"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
head -c 300 "$dir/out.fleet"; echo " …"
