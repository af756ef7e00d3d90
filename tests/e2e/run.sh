#!/usr/bin/env bash
# End-to-end: compile specs, type-check the suites with tsc --strict, run them
# with Jest against Prism serving the same spec — and, as a control, run the
# petstore suite against a server that breaks its spec, where exactly the
# broken operations must fail.  Prints "e2e: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
atgc=$root/atgc
work=$root/build/e2e
examples=$root/tools/node/node_modules/@readme/oas-examples/3.0
# Swagger 2.0 too.  Not 2.0/petstore: Prism reads an operation without
# `consumes` (there and in the document) as accepting no request body at all
# and answers 400, where atgc, like most servers, sends application/json.
examples2=$root/tools/node/node_modules/@readme/oas-examples/2.0
rm -rf "$work"
mkdir -p "$work"
pass=0
fail=0

# run SPEC NAME [SERVED_SPEC]: compile SPEC, serve SERVED_SPEC (default SPEC);
# ATGC_FLAGS adds compiler flags (a seed, say)
run() {
	local spec=$1 name=$2 served=${3:-$1}
	# shellcheck disable=SC2086
	# Prism is stateless: every id exists for it, so error cases (a 404 for an
	# id no one created) are left to real servers, and writes on made-up ids
	# harm nothing (-allow-writes-to-existing: a mock is no shared server)
	if ! "$atgc" "$spec" -o "$work/$name" -tests=happy,validation,boundary,security -allow-writes-to-existing -fdiagnostics-color=never ${ATGC_FLAGS:-} 2>"$work/$name.atgc.log"; then
		echo "e2e: $name: atgc failed"
		cat "$work/$name.atgc.log"
		return 2
	fi
	"$root/tests/e2e/run-suite.sh" "$served" "$work/$name" --json --outputFile="$work/$name.json" \
		>"$work/$name.log" 2>&1
	local rc=$?
	if [ ! -f "$work/$name.json" ]; then
		echo "e2e: $name: no Jest report (exit $rc)"
		tail -30 "$work/$name.log"
		return 2
	fi
	read -r np nf <<<"$(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests)' "$work/$name.json")"
	echo "e2e: $name: $np passed, $nf failed"
	return 0
}

# Suites that must pass against a correct server.
for pair in "examples/petstore.yaml:petstore" \
	"$examples/yaml/petstore.yaml:oas-petstore" \
	"$examples/json/petstore.json:oas-petstore-json" \
	"$examples/yaml/petstore-expanded.yaml:oas-petstore-expanded" \
	"$examples/json/petstore-expanded.json:oas-petstore-expanded-json" \
	"$examples/json/parameters-common.json:oas-parameters-common-json" \
	"$examples/json/star-trek.json:oas-star-trek-json" \
	"$examples/json/polymorphism.json:oas-polymorphism-json" \
	"$examples/json/schema-validation.json:oas-schema-validation-json" \
	"$examples/json/schema-enums.json:oas-schema-enums-json" \
	"$examples2/yaml/petstore-expanded.yaml:swagger2-petstore-expanded" \
	"$examples2/json/petstore-simple.json:swagger2-petstore-simple-json" \
	"$examples2/yaml/api-with-examples.yaml:swagger2-api-with-examples"; do
	spec=${pair%%:*} name=${pair##*:}
	case "$spec" in /*) ;; *) spec=$root/$spec ;; esac
	if [ ! -f "$spec" ]; then
		echo "e2e: FAIL $name: $spec is missing (run tools/deps.sh npm)"
		fail=$((fail + 1))
		continue
	fi
	if run "$spec" "$name"; then
		pass=$((pass + np))
		fail=$((fail + nf))
		[ "$nf" -eq 0 ] || { echo "e2e: FAIL $name"; grep -B2 -A25 "●" "$work/$name.log" | head -60; }
	else
		fail=$((fail + 1))
	fi
done

# Another seed: other synthesised data, still valid
if ATGC_FLAGS=-seed=42 run "$examples/json/star-trek.json" oas-star-trek-seed42; then
	pass=$((pass + np))
	fail=$((fail + nf))
	[ "$nf" -eq 0 ] || { echo "e2e: FAIL oas-star-trek-seed42"; grep -B2 -A25 "●" "$work/oas-star-trek-seed42.log" | head -60; }
else
	fail=$((fail + 1))
fi

# Control: the petstore suite against a server that violates the spec in four
# operations (missing required field, undocumented status, wrong content type,
# value outside an enum) must fail exactly those four and pass the rest.
if run "$root/examples/petstore.yaml" petstore-vs-broken "$root/tests/e2e/petstore-broken.yaml"; then
	failed=$(node -e '
		const r = require(process.argv[1]);
		const f = r.testResults.filter((t) => t.status === "failed").map((t) => t.name.split("/").slice(-2).join("/")).sort();
		console.log(f.join(" "));' "$work/petstore-vs-broken.json")
	want="default/health.test.ts pets/createPet.test.ts pets/listPets.test.ts pets/showPetById.test.ts"
	if [ "$failed" = "$want" ]; then
		echo "e2e: control: the broken server fails exactly: $failed"
		pass=$((pass + 1))
	else
		echo "e2e: FAIL control: failed [$failed], want [$want]"
		fail=$((fail + 1))
	fi
else
	fail=$((fail + 1))
fi

echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
