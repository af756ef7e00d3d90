#!/bin/sh
# The IR's two invariants, on every spec (and GraphQL schema) the tests have (and every spec of
# the @readme/oas-examples corpus when it is installed):
#   1. print(parse(print(x))) == print(x), byte for byte;
#   2. the suite emitted from the spec equals, file for file, the suite
#      emitted from its -emit=ir output.
# Specs atgc rejects are skipped (they have their own golden error tests).
# Prints "roundtrip: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
atgc=$root/atgc
work=$root/build/roundtrip
rm -rf "$work"
mkdir -p "$work"
pass=0
fail=0
skipped=0
corpus=$root/tools/node/node_modules/@readme/oas-examples
specs="$root/examples/petstore.yaml $root/tests/golden/multifile/api.yaml $(ls "$root"/tests/golden/*.yaml "$root"/tests/golden/*.tir "$root"/tests/golden/*.graphql "$root"/tests/graphql/*.graphql "$root"/tests/graphql/*.graphqls "$root"/tests/graphql/*.gql "$root"/tests/passes/*.tir "$root"/tests/validators/*.yaml "$root"/tests/e2e/*.yaml)"
if [ -n "${ATGC_QUICK:-}" ]; then
	echo "roundtrip: ATGC_QUICK is set: the oas-examples corpus part is skipped"
elif [ -d "$corpus" ]; then
	specs="$specs $(ls "$corpus"/2.0/yaml/*.yaml "$corpus"/2.0/json/*.json "$corpus"/3.0/yaml/*.yaml "$corpus"/3.0/json/*.json "$corpus"/3.1/yaml/*.yaml "$corpus"/3.1/json/*.json)"
else
	echo "roundtrip: $corpus not installed; the corpus part is skipped (run tools/deps.sh npm)"
fi
i=0
for spec in $specs; do
	i=$((i + 1))
	d=$work/$i
	mkdir -p "$d"
	name=$(basename "$spec")
	if ! (cd "$(dirname "$spec")" && "$atgc" "$name" -verify-each -emit=ir -o "$d/a.tir" 2>/dev/null); then
		skipped=$((skipped + 1))
		continue
	fi
	# IR read back and printed again
	if "$atgc" "$d/a.tir" -verify-each -emit=ir -o "$d/b.tir" 2>"$d/read.log" && cmp -s "$d/a.tir" "$d/b.tir"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "roundtrip: FAIL print(parse(print)) for $spec"
		head -5 "$d/read.log"
		diff "$d/a.tir" "$d/b.tir" 2>/dev/null | head -6
	fi
	# the suite from the spec and the suite from its IR
	(cd "$(dirname "$spec")" && "$atgc" "$name" -o "$d/from-spec" 2>/dev/null)
	if "$atgc" "$d/a.tir" -o "$d/from-ir" 2>/dev/null && diff -r "$d/from-spec" "$d/from-ir" >"$d/diff" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "roundtrip: FAIL suite from spec != suite from IR for $spec"
		head -10 "$d/diff"
	fi
done
echo "roundtrip: $skipped specs rejected by atgc were skipped"
echo "roundtrip: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
