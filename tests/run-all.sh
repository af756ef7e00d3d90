#!/bin/sh
# make check: every test suite, then one plain line "N passed, N failed"
# summing them all.  Each suite prints its own "<name>: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
log=build/check.log
: >"$log"
total_pass=0
total_fail=0

suite() { # name command...
	name=$1
	shift
	echo "== $name"
	"$@" 2>&1 | tee -a "$log" >build/suite.out
	rc=$?
	grep -v '^$' build/suite.out | grep -E "passed|FAIL|error|✕|skipped" | tail -15
	line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed$" build/suite.out | tail -1)
	if [ -z "$line" ]; then
		echo "$name: no result line (the suite did not finish)"
		tail -20 build/suite.out
		total_fail=$((total_fail + 1))
		return
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.*passed, ([0-9]+) failed/\1/')
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

suite unit build/unit
suite layers sh -c 'if make -s layers; then echo "layers: 1 passed, 0 failed"; else echo "layers: 0 passed, 1 failed"; fi'
suite json build/jsonconform
suite twins tests/json/twins.sh
suite golden tests/golden/run.sh
suite graphql tests/graphql/run.sh
suite graphql-e2e tests/graphql/e2e.sh
suite yoga-e2e tests/graphql/yoga/e2e.sh
suite postgraphile-e2e tests/graphql/postgraphile/e2e.sh
suite platformatic-e2e tests/graphql/platformatic/e2e.sh
suite proto tests/proto/run.sh
suite proto-corpus tests/proto/corpus.sh
suite proto-e2e tests/proto-e2e/run.sh
suite proto-tls tests/proto-e2e/tls.sh
suite proto-etcd tests/proto-e2e/etcd.sh
suite proto-load tests/proto-e2e/corpus.sh
suite cli tests/cli/run.sh
suite package tests/cli/package.sh
suite dist tests/dist.sh
suite escape tests/escape/run.sh
suite runtime sh -c 'tests/runtime/run.sh --json --outputFile=$PWD/build/runtime.json >build/runtime.log 2>&1; node -e "const r=require(process.argv[1]);console.log(\"runtime: \"+r.numPassedTests+\" passed, \"+r.numFailedTests+\" failed\")" "$PWD/build/runtime.json" || { tail -30 build/runtime.log; echo "runtime: 0 passed, 1 failed"; }'
suite roundtrip tests/roundtrip/run.sh
suite passes tests/passes/run.sh
suite chunks tests/chunks/run.sh
suite validators tests/validators/run.sh
suite jsonschema node tests/jsonschema/run.js
suite corpus tests/corpus/run.sh
suite fuzz tests/fuzz/run.sh
suite tsan tests/tsan/run.sh
suite e2e tests/e2e/all.sh
suite flows tests/flows/run.sh
suite shapes tests/shapes/run.sh
suite oas tests/e2e/oas-all.sh
suite oauth2 tests/e2e/oauth2.sh
suite proxy tests/e2e/proxy.sh
suite auth tests/e2e/auth.sh
suite summary tests/e2e/summary.sh

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
