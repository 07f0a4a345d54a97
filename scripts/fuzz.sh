#!/usr/bin/env bash
# Fuzzes every parser with libFuzzer and AddressSanitizer, each target for a bounded time.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 60 s per target, every target in Fuzz/Entry
# Builds HWCheckCore, HWCheckBundle and HWCheckFleet once as instrumented static libraries (swiftc -sanitize=fuzzer,address) in .build-fuzz/,
# then one executable per target (Fuzz/Entry/<target>.swift + Fuzz/Checks). Each run starts from the committed
# seeds in Fuzz/corpus/<target>/ and grows a working corpus in .build-fuzz/corpus/<target>/ (not committed:
# copy an interesting input into Fuzz/corpus/ by hand; `swift test` replays every committed input).
# A crash leaves its input in .build-fuzz/artifacts/<target>/ and makes this script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for entry in Fuzz/Entry/*.swift; do targets+=("$(basename "$entry" .swift)"); done
fi
out=.build-fuzz
mkdir -p "$out/lib"
flags=(-sanitize=fuzzer,address -parse-as-library -swift-version 6 -O -g)

# The library, rebuilt only when a source is newer than it. Its resources are compiled in as SwiftPM's
# embedInCode does: a PackageResources type holding each file's bytes.
library="$out/lib/libHWCheckCore.a"
if [ ! -f "$library" ] || [ -n "$(find Sources/HWCheckCore -newer "$library" \( -name '*.swift' -o -name '*.json' \) | head -n 1)" ]; then
  echo "fuzz: building HWCheckCore (instrumented)" >&2
  python3 - Sources/HWCheckCore/Resources/*.json > "$out/lib/PackageResources.swift" <<'PY'
import os, sys
print("struct PackageResources {")
for path in sys.argv[1:]:
    name = os.path.basename(path).replace("-", "_").replace(".", "_")
    print(f"static let {name}: [UInt8] = [{','.join(str(b) for b in open(path, 'rb').read())}]")
print("}")
PY
  swiftc "${flags[@]}" -enable-testing -module-name HWCheckCore -emit-library -static -emit-module \
    -emit-module-path "$out/lib/HWCheckCore.swiftmodule" -o "$library" Sources/HWCheckCore/*.swift "$out/lib/PackageResources.swift"
fi

# The fleet library (report reader, trace records) on top of it, rebuilt the same way.
fleet="$out/lib/libHWCheckFleet.a"
if [ ! -f "$fleet" ] || [ "$library" -nt "$fleet" ] || [ -n "$(find Sources/HWCheckFleet -newer "$fleet" -name '*.swift' | head -n 1)" ]; then
  echo "fuzz: building HWCheckFleet (instrumented)" >&2
  swiftc "${flags[@]}" -I "$out/lib" -module-name HWCheckFleet -emit-library -static -emit-module \
    -emit-module-path "$out/lib/HWCheckFleet.swiftmodule" -o "$fleet" Sources/HWCheckFleet/*.swift
fi

# The bundle library (tar reading and writing) on top of it, rebuilt the same way.
bundle="$out/lib/libHWCheckBundle.a"
if [ ! -f "$bundle" ] || [ "$library" -nt "$bundle" ] || [ -n "$(find Sources/HWCheckBundle -newer "$bundle" -name '*.swift' | head -n 1)" ]; then
  echo "fuzz: building HWCheckBundle (instrumented)" >&2
  swiftc "${flags[@]}" -I "$out/lib" -module-name HWCheckBundle -emit-library -static -emit-module \
    -emit-module-path "$out/lib/HWCheckBundle.swiftmodule" -o "$bundle" Sources/HWCheckBundle/*.swift
fi

# The Swift runtime's backtracer and AddressSanitizer both want the crash signal: let ASan report.
export SWIFT_BACKTRACE=enable=no
passed=0 failed=0
for target in "${targets[@]}"; do
  binary="$out/fuzz-$target"
  if [ ! -x "$binary" ] || [ "$library" -nt "$binary" ] || [ "$fleet" -nt "$binary" ] || [ "$bundle" -nt "$binary" ] || [ "Fuzz/Entry/$target.swift" -nt "$binary" ] \
     || [ Fuzz/Checks/FuzzChecks.swift -nt "$binary" ]; then
    swiftc "${flags[@]}" -I "$out/lib" -o "$binary" Fuzz/Checks/FuzzChecks.swift "Fuzz/Entry/$target.swift" "$fleet" "$bundle" "$library" \
      2> >(grep -v "Cannot export local symbol" >&2)
  fi
  mkdir -p "$out/corpus/$target" "$out/artifacts/$target" "Fuzz/corpus/$target"
  echo "fuzz: $target for ${seconds}s" >&2
  if "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
       -artifact_prefix="$out/artifacts/$target/" "$out/corpus/$target" "Fuzz/corpus/$target" \
       >"$out/$target.log" 2>&1; then
    passed=$((passed + 1))
    grep -E "^stat::number_of_executed_units|^Done" "$out/$target.log" | tr '\n' ' ' >&2; echo >&2
  else
    failed=$((failed + 1))
    echo "fuzz: $target FAILED; input in $out/artifacts/$target/, log $out/$target.log:" >&2
    grep -E "ERROR|Fatal error|SUMMARY|==[0-9]+==" "$out/$target.log" | head -n 20 >&2 || tail -n 30 "$out/$target.log" >&2
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
