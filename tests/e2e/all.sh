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
scores=$(mktemp)
trap 'rm -f "$scores"' EXIT
for pair in e2e-prism:run.sh faults:faults.sh e2e-real:realdb.sh; do
	name=${pair%%:*} script=${pair##*:}
	out=$(mktemp)
	"$here/$script" 2>&1 | sed "s/^e2e: \([0-9]* passed, [0-9]* failed\)$/$name: \1/" | tee "$out"
	line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed$" "$out" | tail -1)
	grep -E "faults: [a-z]+: [a-z0-9-]+ +[0-9]+/[0-9]+ operations" "$out" >>"$scores"
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
# the mutation score of both servers together, per kind and overall
awk '
{
	for (i = 1; i <= NF; i++)
		if ($i ~ /^[0-9]+\/[0-9]+$/) {
			split($i, n, "/")
			k = $(i - 1)
			if (!(k in t))
				name[++nk] = k
			d[k] += n[1]
			t[k] += n[2]
		}
}
END {
	for (j = 1; j <= nk; j++) {
		k = name[j]
		D += d[k]
		T += t[k]
		printf "e2e: mutation score %-15s %d/%d (%.1f %%)\n", k, d[k], t[k], 100 * d[k] / t[k]
	}
	if (T)
		printf "e2e: mutation score %-15s %d/%d (%.1f %%)\n", "overall", D, T, 100 * D / T
}' "$scores"
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
