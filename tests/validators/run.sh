#!/bin/sh
# Compile oracle.yaml (and oracle31.yaml), drop oracle.test.ts (and
# oracle31.test.ts) into the suite, type-check it and run it.  Prints "validators: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$root/tools/node/node_modules/.bin
work=$root/build/validators
rm -rf "$work"
mkdir -p "$work"
ln -s "$root/tools/node/node_modules" "$work/node_modules"
"$root/atgc" "$root/tests/validators/oracle.yaml" -o "$work/suite" || { echo "validators: 0 passed, 1 failed"; exit 1; }
cp "$root/tests/validators/oracle.test.ts" "$work/suite/"
# the 3.1 schemas get a suite of their own; its validators and test go next to the first
"$root/atgc" "$root/tests/validators/oracle31.yaml" -o "$work/suite31" || { echo "validators: 0 passed, 1 failed"; exit 1; }
mkdir -p "$work/suite/v31/_support"
cp "$work/suite31/_support/validators.ts" "$work/suite/v31/_support/"
cp "$root/tests/validators/oracle31.test.ts" "$work/suite/v31/"
"$bin/tsc" --noEmit -p "$work/suite" || { echo "validators: 0 passed, 1 failed"; exit 1; }
cd "$work/suite" && "$bin/jest" --ci --no-watchman -c jest.config.cjs oracle.test.ts v31/oracle31.test.ts --json --outputFile="$work/report.json" 2>"$work/jest.log"
rc=$?
if [ -f "$work/report.json" ]; then
	[ $rc -eq 0 ] || grep -A20 "●" "$work/jest.log" | head -80
	node -e 'const r=require(process.argv[1]);console.log("validators: "+r.numPassedTests+" passed, "+r.numFailedTests+" failed")' "$work/report.json"
else
	tail -20 "$work/jest.log"
	echo "validators: 0 passed, 1 failed"
fi
exit $rc
