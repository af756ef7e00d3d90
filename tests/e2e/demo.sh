#!/usr/bin/env bash
# make demo: compile examples/petstore.yaml, run the suite against a Prism mock
# of the same spec, and print what happened.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$root/build/demo
rm -rf "$out"
# Prism, the mock the demo runs against, is stateless: cases that need a
# resource to be missing (errors) are for real servers
echo "demo: atgc examples/petstore.yaml -tests=happy,validation,boundary,security -o build/demo"
(cd "$root" && ./atgc examples/petstore.yaml -tests=happy,validation,boundary,security -o build/demo) || exit $?
find "$out" -name '*.test.ts' | sed "s|$root/||" | sort | sed 's/^/  /'
start=$(date +%s.%N)
"$root/tests/e2e/run-suite.sh" "$root/examples/petstore.yaml" "$out" --json --outputFile="$out/report.json" >"$out/run.log" 2>&1
rc=$?
secs=$(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo "?")
if [ ! -f "$out/report.json" ]; then
	tail -30 "$out/run.log"
	echo "demo: the suite did not run (exit $rc)"
	exit 1
fi
node -e '
const r = require(process.argv[1]);
console.log(`demo: ${r.numTotalTests} tests, ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${process.argv[2]} s (tsc, Prism start-up and Jest)`);
for (const f of r.testResults) for (const t of f.assertionResults) if (t.status === "failed") {
  const msg = t.failureMessages.join("\n");
  const curl = msg.indexOf("curl ");
  console.log(`first failure: ${t.fullName}`);
  console.log(curl >= 0 ? msg.slice(curl).split("\n").slice(0, 6).join("\n") : msg.split("\n").slice(0, 8).join("\n"));
  process.exit(0);
}' "$out/report.json" "$(printf '%.1f' "$secs" 2>/dev/null || echo "$secs")"
exit $rc
