#!/usr/bin/env bash
# make e2e: every end-to-end suite, then one plain line summing them,
# "e2e: N passed, N failed".
#   tests/e2e/run.sh     corpus specs against Prism mocks, and the control
#   tests/e2e/faults.sh  fault injection against a Prism mock (petstore)
#   tests/e2e/realdb.sh  Platformatic DB on PostgreSQL: its own document's
#                        suite, direct and through Prism, and fault injection
# Each prints its own "<name>: N passed, N failed" as its last line.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pass=0
fail=0
for pair in e2e-prism:run.sh faults:faults.sh e2e-real:realdb.sh; do
	name=${pair%%:*} script=${pair##*:}
	out=$(mktemp)
	"$here/$script" 2>&1 | sed "s/^e2e: \([0-9]* passed, [0-9]* failed\)$/$name: \1/" | tee "$out"
	line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed$" "$out" | tail -1)
	rm -f "$out"
	if [ -z "$line" ]; then
		echo "e2e: FAIL $script printed no result line"
		fail=$((fail + 1))
		continue
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.*passed, ([0-9]+) failed/\1/')
	pass=$((pass + p))
	fail=$((fail + f))
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
