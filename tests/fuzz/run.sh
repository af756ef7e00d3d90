#!/bin/sh
# Run the IR fuzz target for FUZZ_SECONDS (default 60) under ASan + UBSan,
# seeded with the IR of every golden spec and every hand-written .tir.
# Fails on any finding; a crashing input is kept in build/fuzz/ as crash-*.
# Prints "fuzz: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
fz=$root/build/fuzz
seeds=$fz/seeds
rm -rf "$seeds" "$fz/run"
mkdir -p "$seeds" "$fz/corpus" "$fz/run"
for spec in "$root"/examples/*.yaml "$root"/tests/golden/*.yaml "$root"/tests/validators/*.yaml; do
	(cd "$(dirname "$spec")" && "$root/atgc" "$(basename "$spec")" -emit=ir -o "$seeds/$(basename "$spec").tir" 2>/dev/null)
done
cp "$root"/tests/golden/*.tir "$root"/tests/golden/errors/*.tir "$root"/tests/passes/*.tir "$seeds/"
# an empty working folder: nothing a fuzzed `source "x"` names can be found
cd "$fz/run" || exit 1
"$fz/fuzz_ir" -max_total_time="${FUZZ_SECONDS:-60}" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$fz/" "$fz/corpus" "$seeds" >"$fz/fuzz.log" 2>&1
rc=$?
grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$fz/fuzz.log" | sed 's/^/fuzz: /'
if [ $rc -eq 0 ]; then
	echo "fuzz: ${FUZZ_SECONDS:-60} s of parse → print → parse → print, no finding"
	echo "fuzz: 1 passed, 0 failed"
else
	grep -A30 -E "ERROR|SUMMARY|abort|runtime error" "$fz/fuzz.log" | head -60
	echo "fuzz: 0 passed, 1 failed"
fi
exit $rc
