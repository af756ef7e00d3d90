#!/bin/sh
# Golden tests (cproc's habit: input beside expected output, compared with diff -u).
#   <spec>.yaml|.tir|.graphql|.proto  expected/<name>.tir  (-emit=ir, stderr appended after "--- stderr")
#                       expected/<name>.ts   (-emit=ts: every generated file but the manifest and
#                                             verbatim runtime copies, concatenated)
#   errors/<name>.yaml|.tir|.proto  errors/<name>.err    ("exit N" then stderr)
#   jsonschema/<name>.json   expected/jsonschema-<name>.ts (-x jsonschema: validator.ts)
#   jsonschema/errors/<name>.json  jsonschema/errors/<name>.err
# Every emitted suite is also type-checked with tsc --strict.
# A spec may name extra options on a line "# atgc-flags: ..." (one line; "// atgc-flags: ..." in a .proto).
# UPDATE=1 rewrites the expected files.  Prints "golden: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
atgc="$root/atgc"
work="$root/build/golden"
rm -rf "$work"
mkdir -p "$work"
pass=0
fail=0

check() { # name expected actual
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$3" "$2"
		pass=$((pass + 1))
	elif diff -u "$2" "$3" >"$work/diff" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "golden: FAIL $1"
		head -40 "$work/diff"
	fi
}

ln -s "$root/tools/node/node_modules" "$work/node_modules"
# tsc comes with the pinned toolchain (make deps); ATGC_QUICK=1 (make quick)
# compares the text only
tsc=$root/tools/node/node_modules/.bin/tsc
typecheck() { # PASS-DESCRIPTION tsc-args...
	what=$1
	shift
	if [ -n "${ATGC_QUICK:-}" ] || [ ! -x "$tsc" ]; then
		return
	fi
	if "$tsc" "$@" >"$work/tsc.out" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "golden: FAIL tsc --strict on $what"
		head -20 "$work/tsc.out"
	fi
}
if [ -n "${ATGC_QUICK:-}" ]; then
	echo "golden: ATGC_QUICK is set: suites are compared as text, not type-checked"
elif [ ! -x "$tsc" ]; then
	echo "golden: $tsc is not installed (make deps): suites are compared as text, not type-checked"
fi
for spec in "$root"/examples/petstore.yaml "$root"/tests/golden/*.yaml "$root"/tests/golden/multifile/api.yaml "$root"/tests/golden/*.tir \
	"$root"/tests/golden/*.graphql "$root"/tests/golden/*.proto; do
	name=$(basename "$spec")
	name=${name%.*}
	flags=$(sed -n 's,^\(#\|//\) atgc-flags: ,,p' "$spec" | head -1)
	# run from the spec's folder so messages name it the same way on every machine
	# shellcheck disable=SC2086
	(cd "$(dirname "$spec")" && "$atgc" "$(basename "$spec")" $flags -verify-each -emit=ir -fdiagnostics-color=never \
		>"$work/$name.tir" 2>"$work/$name.stderr")
	if [ -s "$work/$name.stderr" ]; then
		printf -- '--- stderr\n' >>"$work/$name.tir"
		cat "$work/$name.stderr" >>"$work/$name.tir"
	fi
	check "$name.tir" "$root/tests/golden/expected/$name.tir" "$work/$name.tir"
	# shellcheck disable=SC2086
	(cd "$(dirname "$spec")" && "$atgc" "$(basename "$spec")" $flags -emit=json 2>/dev/null) >"$work/$name.json"
	check "$name.json" "$root/tests/golden/expected/$name.json" "$work/$name.json"
	# shellcheck disable=SC2086
	(cd "$(dirname "$spec")" && "$atgc" "$(basename "$spec")" $flags -verify-each -o "$work/$name" -fdiagnostics-color=never 2>/dev/null)
	(cd "$work/$name" && find . -type f ! -name runtime.ts ! -name grpc.ts ! -name tsconfig.json ! -name jest.config.cjs ! -name .atgc-manifest | LC_ALL=C sort |
		while read -r f; do printf '=== %s\n' "$f"; cat "$f"; done) >"$work/$name.ts"
	check "$name.ts" "$root/tests/golden/expected/$name.ts" "$work/$name.ts"
	typecheck "the suite from $name" --noEmit -p "$work/$name"
done

for spec in "$root"/tests/golden/errors/*.yaml "$root"/tests/golden/errors/*.json "$root"/tests/golden/errors/*.tir \
	"$root"/tests/golden/errors/*.proto; do
	file=$(basename "$spec")
	name=${file%.*}
	out="$work/err-$name"
	(cd "$root/tests/golden/errors" && "$atgc" "$file" -o "$out" -fdiagnostics-color=never >/dev/null 2>"$work/$name.stderr")
	rc=$?
	{ echo "exit $rc"; cat "$work/$name.stderr"; } >"$work/$name.err"
	check "errors/$name" "$root/tests/golden/errors/$name.err" "$work/$name.err"
	# a failed compile writes nothing
	if [ "$rc" -ne 0 ] && [ -e "$out" ]; then
		echo "golden: FAIL errors/$name wrote $out although it failed"
		fail=$((fail + 1))
	fi
done
# -x jsonschema: jsonschema/<name>.json → expected/jsonschema-<name>.ts (validator.ts,
# type-checked with tsc --strict); jsonschema/errors/<name>.json → <name>.err
for spec in "$root"/tests/golden/jsonschema/*.json; do
	name=$(basename "$spec" .json)
	out="$work/js-$name"
	(cd "$(dirname "$spec")" && "$atgc" -x jsonschema "$name.json" -o "$out" -fdiagnostics-color=never 2>"$work/js-$name.stderr")
	{ cat "$out/validator.ts" 2>/dev/null; if [ -s "$work/js-$name.stderr" ]; then printf -- '--- stderr\n'; cat "$work/js-$name.stderr"; fi; } >"$work/js-$name.ts"
	check "jsonschema/$name.json" "$root/tests/golden/expected/jsonschema-$name.ts" "$work/js-$name.ts"
	# a tsconfig of its own with no types: no @types of a node_modules above
	# the work folder comes in (a validator needs none)
	printf '{"compilerOptions": {"noEmit": true, "strict": true, "noUncheckedIndexedAccess": true, "target": "ES2022", %s}, %s}\n' \
		'"isolatedModules": true, "types": []' '"files": ["validator.ts"]' >"$out/tsconfig.json"
	typecheck "the validator from jsonschema/$name.json" -p "$out/tsconfig.json"
done
for spec in "$root"/tests/golden/jsonschema/errors/*.json; do
	name=$(basename "$spec" .json)
	out="$work/js-err-$name"
	(cd "$root/tests/golden/jsonschema/errors" && "$atgc" -x jsonschema "$name.json" -o "$out" -fdiagnostics-color=never >/dev/null 2>"$work/js-$name.stderr")
	rc=$?
	{ echo "exit $rc"; cat "$work/js-$name.stderr"; } >"$work/js-$name.err"
	check "jsonschema/errors/$name" "$root/tests/golden/jsonschema/errors/$name.err" "$work/js-$name.err"
	if [ "$rc" -ne 0 ] && [ -e "$out" ]; then
		echo "golden: FAIL jsonschema/errors/$name wrote $out although it failed"
		fail=$((fail + 1))
	fi
done

echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
