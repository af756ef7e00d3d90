#!/usr/bin/env bash
# Fault injection against a Prism mock: the suite atgc writes for
# examples/petstore.yaml runs through tests/e2e/faultproxy.js once per
# mutation (drop a required field, change a type, undocumented status, 500,
# wrong content type, undocumented extra field, empty body, truncated JSON,
# a corrupted id in a create's answer), and once through all-500 (every
# request answered 500), where no test may pass.
# A mutation is detected in an operation when a test of that operation that
# passed without the fault fails with it.  Prints the score per mutation
# kind and overall; ends with "faults: N passed, N failed" where a kind
# passes when it reaches 95 % of the operations it was injected into.
# Prism and the proxy bind 127.0.0.1 on free ports and are stopped by PID.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$here/lib.sh"
root=$e2e_root
work=$root/build/e2e-faults
e2e_trap
rm -rf "$work"
mkdir -p "$work/petstore"
pass=0
fail=0
t0=$SECONDS

spec=$root/examples/petstore.yaml
# the proxy reads JSON: the YAML through js-yaml from the pinned toolchain
node -e '
const yaml = require(require.resolve("js-yaml", { paths: [process.argv[1]] }));
const fs = require("node:fs");
fs.writeFileSync(process.argv[3], JSON.stringify(yaml.load(fs.readFileSync(process.argv[2], "utf8"))));' \
	"$root/tools/node/node_modules" "$spec" "$work/petstore.json" || { echo "faults: 0 passed, 1 failed"; exit 1; }
# Prism is stateless: no errors kind (a 404 for an id no one created), and
# no data a write on a made-up id could harm (-allow-writes-to-existing)
"$root/atgc" "$spec" -o "$work/suite" -tests=happy,validation,boundary,security -allow-writes-to-existing -fdiagnostics-color=never 2>"$work/atgc.log" || {
	cat "$work/atgc.log"
	echo "faults: 0 passed, 1 failed"
	exit 1
}
ln -sfn "$root/tools/node/node_modules" "$work/node_modules"
e2e_creds "$work/suite"

port=$(free_port)
e2e_start "$work/prism.log" "$e2e_bin/prism" mock -h 127.0.0.1 -p "$port" "$spec"
e2e_wait_http "http://127.0.0.1:$port/" "$E2E_PID" "$work/prism.log" 60 || { echo "faults: 0 passed, 1 failed"; exit 1; }

for kind in none $fault_kinds; do
	fault_run "$kind" "http://127.0.0.1:$port" "$work/suite" "$work/petstore.json" "$work/petstore" || {
		echo "faults: FAIL the run with $kind did not finish"
		fail=$((fail + 1))
	}
done
# no hollow pass: through a proxy that answers every request with 500, not
# one test passes (an injection case whose control fails too is
# inconclusive, not passed)
if fault_run all-500 "http://127.0.0.1:$port" "$work/suite" "$work/petstore.json" "$work/petstore"; then
	np=$(node -e 'console.log(require(process.argv[1]).numPassedTests)' "$work/petstore/all-500.json")
	if [ "$np" = 0 ]; then
		echo "faults: all-500: no test passes against a server that answers every request with 500"
		pass=$((pass + 1))
	else
		echo "faults: FAIL all-500: $np tests pass against a server that answers every request with 500"
		fail=$((fail + 1))
	fi
else
	echo "faults: FAIL the run with all-500 did not finish"
	fail=$((fail + 1))
fi
# shellcheck disable=SC2086
node "$here/faultscore.js" petstore "$work/petstore" $fault_kinds | tee "$work/score.txt"
while read -r hit all; do
	if [ "$((100 * hit))" -ge "$((95 * all))" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done < <(sed -n 's/^faults: petstore: [a-z0-9-]* *\([0-9]*\)\/\([0-9]*\) operations.*/\1 \2/p' "$work/score.txt")
echo "faults: $((SECONDS - t0)) s"
echo "faults: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
